package dev.northstar.backlog.api;

import dev.northstar.backlog.api.ScoringDtos.ModelRequest;
import dev.northstar.backlog.api.ScoringDtos.ModelView;
import dev.northstar.backlog.api.ScoringDtos.WhatIfItem;
import dev.northstar.backlog.api.ScoringDtos.WhatIfRequest;
import dev.northstar.backlog.api.ScoringDtos.WhatIfView;
import dev.northstar.backlog.application.BacklogItemCommands;
import dev.northstar.backlog.application.BacklogSettingsCommands;
import dev.northstar.backlog.application.WhatIf;
import dev.northstar.backlog.domain.BacklogSettings;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.contracts.Roles;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.security.AlsoWritableBy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** How a product scores its backlog, and what another model would do to its order. */
@Path("/api/v1/products/{productId}/backlog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backlog")
public class ScoringResource {
    private final BacklogSettingsCommands settings;
    private final BacklogItemCommands commands;
    private final WhatIf whatIf;
    private final RequestMetadata request;

    public ScoringResource(BacklogSettingsCommands settings, BacklogItemCommands commands, WhatIf whatIf, RequestMetadata request) {
        this.settings = settings;
        this.commands = commands;
        this.whatIf = whatIf;
        this.request = request;
    }

    @GET
    @Path("scoring")
    @Operation(summary = "The scoring model the product's backlog is ranked by, its inputs and its formula")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model, with the settings' version in ETag")
    public Response get(@PathParam("productId") UUID productId) {
        return answer(settings.of(productId));
    }

    @PUT
    @Path("scoring")
    @Operation(summary = "Choose the product's scoring model (WSJF, RICE, ICE or WEIGHTED with the product's fields); "
            + "every open item is rescored under it, as events (ScoringModelChanged, then ItemRescored with it as the cause)")
    @APIResponseSchema(value = ModelView.class, responseCode = "200", responseDescription = "The model in force, with the settings' new version in ETag")
    public Response put(@PathParam("productId") UUID productId, @HeaderParam("If-Match") String ifMatch,
                        @Valid @NotNull ModelRequest body) {
        return answer(commands.chooseScoringModel(productId, body.toDomain(), ifMatch, request.newEventMetadata()).settings());
    }

    @POST
    @Path("what-if")
    @AlsoWritableBy({Roles.PRODUCT_MANAGER, Roles.TEAM_MEMBER, Roles.CONTRIBUTOR, Roles.VIEWER})
    @Operation(summary = "The ranking another scoring model would give the backlog, now or as it was at asOf, with each "
            + "item's old and new rank and score; computed from the items' events, it records nothing")
    public WhatIfView whatIf(@PathParam("productId") UUID productId, @Valid @NotNull WhatIfRequest body) {
        settings.of(productId);
        ScoringModel model = body.model().toDomain();
        List<WhatIf.Ranked> ranking = whatIf.rank(productId, model, body.asOf());
        int limit = body.limit() == null ? 50 : body.limit();
        return new WhatIfView(model.kind(), model.formula(), body.asOf(), ranking.size(),
                (int) ranking.stream().filter(r -> r.oldRank() != r.newRank()).count(),
                (int) ranking.stream().filter(r -> r.newScore() == null).count(),
                ranking.stream().limit(limit).map(r -> new WhatIfItem(r.item().id(), r.item().title(), r.oldRank(), r.newRank(),
                        r.oldScore(), r.newScore(), r.item().pin() != null, r.missing())).toList());
    }

    private static Response answer(Versioned<BacklogSettings> current) {
        return Response.ok(ModelView.of(current.state().scoring(), current.version()))
                .header("ETag", Versions.etag(current.version())).build();
    }
}
