package dev.northstar.integrations.api;

import dev.northstar.contracts.Roles;
import dev.northstar.integrations.application.ShareLinkCommands;
import dev.northstar.integrations.domain.ShareLink;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.lifecycle.AllowedWhenRetired;
import dev.northstar.platform.security.OnlyReadableBy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Read-only share links of a product's roadmap or dashboard, for people without an account: expiring, revocable,
 * each opening one product as a viewer sees it. Product managers make, list and revoke them.
 */
@Path("/api/v1/products/{productId}/share-links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@OnlyReadableBy(Roles.PRODUCT_MANAGER)
@Tag(name = "Share links", description = "Expiring, revocable read-only links to a product's roadmap or dashboard")
public class ShareLinkResource {

    @Schema(example = "{\"scope\": \"ROADMAP\", \"expiresAt\": \"2027-01-31T00:00:00Z\", \"description\": \"For the board meeting\"}")
    public record MakeShareLinkRequest(@NotNull ShareLink.Scope scope,
                                       @Schema(description = "PUBLIC (default): the public view, without costs, value, ROI, staff, "
                                               + "competitors or internal reasons; INTERNAL: what a viewer of the product sees")
                                       ShareLink.Audience audience,
                                       @Schema(description = "When the link stops working: within 366 days (default: 30 days from now)") Instant expiresAt,
                                       @Size(max = 500) String description) {
    }

    public record ShareLinkView(UUID id, UUID productId, ShareLink.Scope scope, ShareLink.Audience audience,
                                ShareLink.Status status, Instant expiresAt,
                                String description, String createdBy, Instant createdAt, String revokedBy, int version,
                                @Schema(description = "Where the link opens: only in the answer that made it, with the token in it")
                                String url,
                                @Schema(description = "The link's token: only in the answer that made it (nothing keeps it)")
                                String token) {
    }

    private final ShareLinkCommands commands;
    private final IdempotencyKeys idempotency;
    private final RequestMetadata request;
    private final String roadmapUrl;
    private final String dashboardUrl;

    public ShareLinkResource(ShareLinkCommands commands, IdempotencyKeys idempotency, RequestMetadata request,
                             @ConfigProperty(name = "northstar.share-links.roadmap-url") String roadmapUrl,
                             @ConfigProperty(name = "northstar.share-links.dashboard-url") String dashboardUrl) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.request = request;
        this.roadmapUrl = roadmapUrl;
        this.dashboardUrl = dashboardUrl;
    }

    @POST
    @Operation(summary = "Make a read-only link to the product's roadmap or dashboard; the answer carries its URL and token, the only time they are shown")
    @APIResponseSchema(value = ShareLinkView.class, responseCode = "201", responseDescription = "The link, its URL and its token")
    public Response make(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                         @Valid @NotNull MakeShareLinkRequest body) {
        return idempotency.create("share-links:" + productId, key, body, () -> {
            ShareLinkCommands.Made made = commands.make(productId, body.scope(), body.audience(), body.expiresAt(), body.description(),
                    request.newEventMetadata());
            ShareLinkView view = view(made.link(), made.token());
            // a retry with the same key answers the link without its token or URL: no token is kept in clear
            return IdempotencyKeys.Created.withholding(URI.create("/api/v1/products/" + productId + "/share-links/" + view.id()),
                    Versions.etag(view.version()), view, view(made.link(), null), "token");
        });
    }

    @GET
    @Operation(summary = "The product's share links, with their status (ACTIVE, EXPIRED, REVOKED), without their tokens")
    public List<ShareLinkView> list(@PathParam("productId") UUID productId) {
        return commands.ofProduct(productId).stream().map(link -> view(link, null)).toList();
    }

    @DELETE
    @Path("/{shareLinkId}")
    @AllowedWhenRetired
    @Operation(summary = "Revoke a share link: it opens nothing from then on")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Revoked")
    public Response revoke(@PathParam("productId") UUID productId, @PathParam("shareLinkId") UUID shareLinkId) {
        commands.revoke(productId, shareLinkId, request.newEventMetadata());
        return Response.noContent().build();
    }

    private ShareLinkView view(Versioned<ShareLink> versioned, String token) {
        ShareLink link = versioned.state();
        String url = token == null ? null : switch (link.scope()) {
            case ROADMAP -> roadmapUrl + "/api/v1/shared/" + token + "/roadmap";
            case DASHBOARD -> dashboardUrl + "/dashboard.html#share=" + token;
        };
        return new ShareLinkView(link.id(), link.productId(), link.scope(), link.audience(), link.statusAt(Instant.now()), link.expiresAt(),
                link.description(), link.createdBy(), versioned.createdAt(), link.revokedBy(), versioned.version(), url, token);
    }
}
