package dev.northstar.backlog.api;

import dev.northstar.backlog.application.KnownRoadmap;
import dev.northstar.backlog.application.KnownRoadmap.KnownInitiative;
import dev.northstar.platform.api.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** What backlog-service has heard from the roadmap: the initiatives a product owner can link items to. */
@Path("/api/v1/products/{productId}/backlog/initiatives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backlog")
public class KnownRoadmapResource {
    private final KnownRoadmap roadmap;

    public KnownRoadmapResource(KnownRoadmap roadmap) {
        this.roadmap = roadmap;
    }

    @GET
    @Operation(summary = "The product's initiatives as the backlog knows them (from roadmap events), NOW first")
    public List<KnownInitiative> list(@PathParam("productId") UUID productId) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        return roadmap.initiatives(productId, null);
    }

    @GET
    @Path("/{initiativeId}")
    public KnownInitiative get(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId) {
        return roadmap.initiatives(productId, initiativeId).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("initiative " + initiativeId));
    }
}
