package dev.northstar.roadmap.api;

import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.sharing.ShareLinks;
import dev.northstar.roadmap.readmodel.RoadmapQueries;
import dev.northstar.roadmap.readmodel.RoadmapView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A roadmap opened by a share link (made in integrations-service): no account, read-only, until the link expires. */
@Path("/api/v1/shared/{token}/roadmap")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shared", description = "What a share link opens, without a bearer token")
public class SharedRoadmapResource {
    private final ShareLinks links;
    private final RoadmapQueries queries;

    public SharedRoadmapResource(ShareLinks links, RoadmapQueries queries) {
        this.links = links;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The roadmap of the product a share link opens (404 once the link expired or was revoked): the "
            + "public view (PublicRoadmap), or what a viewer sees (RoadmapView) for a link made for an INTERNAL audience")
    @APIResponse(responseCode = "200", description = "The roadmap", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(anyOf = {PublicRoadmap.class, RoadmapView.class})))
    public Object roadmap(@PathParam("token") String token) {
        ShareLinks.Grant grant = links.open(token, ShareLinks.Scope.ROADMAP).orElseThrow(SharedRoadmapResource::closed);
        RoadmapView view = queries.roadmap(grant.productId(), null, RoadmapView.Order.RANK).orElseThrow(SharedRoadmapResource::closed);
        return grant.internal() ? view : PublicRoadmap.of(view);
    }

    private static ProblemException closed() {
        return new ProblemException(Problem.of(404, "not-found", "Not found",
                "no roadmap is shared by this link: it expired, was revoked, or never existed"));
    }
}
