package dev.northstar.backlog.api;

import dev.northstar.backlog.application.BacklogItemCommands;
import dev.northstar.backlog.application.BacklogSettingsCommands;
import dev.northstar.backlog.domain.AcceptancePolicy;
import dev.northstar.backlog.domain.BacklogSettings;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** How a product's backlog is run: the product owner's settings, one set per product. */
@Path("/api/v1/products/{productId}/backlog/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backlog")
public class BacklogSettingsResource {
    private final BacklogSettingsCommands settings;
    private final BacklogItemCommands commands;
    private final RequestMetadata request;

    public BacklogSettingsResource(BacklogSettingsCommands settings, BacklogItemCommands commands, RequestMetadata request) {
        this.settings = settings;
        this.commands = commands;
        this.request = request;
    }

    @Schema(description = "A product's backlog settings")
    public record SettingsView(
            @Schema(description = "Whether whoever finished an item may also accept it (default false)") boolean allowSelfAcceptance,
            @Schema(description = "Whether the ROI of an initiative's business case scales the priority of its items (default false)")
            boolean businessCaseScaling,
            @Schema(description = "The settings' version (0 until first changed), also in ETag") int version) {
    }

    @Schema(description = "The settings to change; omitted ones stay", example = "{\"allowSelfAcceptance\": true, \"businessCaseScaling\": true}")
    public record SettingsRequest(Boolean allowSelfAcceptance, Boolean businessCaseScaling) {
    }

    @GET
    @Operation(summary = "The product's backlog settings")
    @APIResponseSchema(value = SettingsView.class, responseCode = "200", responseDescription = "The settings, with their version in ETag")
    public Response get(@PathParam("productId") UUID productId) {
        return answer(settings.of(productId));
    }

    @PUT
    @Operation(summary = "Change the product's backlog settings (If-Match honoured; the change is an event)")
    @APIResponseSchema(value = SettingsView.class, responseCode = "200", responseDescription = "The settings, with their new version in ETag")
    public Response put(@PathParam("productId") UUID productId, @HeaderParam("If-Match") String ifMatch,
                        @Valid @NotNull SettingsRequest body) {
        if (body.allowSelfAcceptance() == null && body.businessCaseScaling() == null) {
            throw ProblemException.badRequest("allowSelfAcceptance", "name a setting to change: allowSelfAcceptance or businessCaseScaling");
        }
        return answer(commands.changeSettings(productId, body.allowSelfAcceptance(), body.businessCaseScaling(), ifMatch,
                request.newEventMetadata()).settings());
    }

    private static Response answer(Versioned<BacklogSettings> current) {
        return Response.ok(new SettingsView(current.state().acceptance().allowSelfAcceptance(),
                        current.state().businessCaseScaling(), current.version()))
                .header("ETag", Versions.etag(current.version())).build();
    }
}
