package dev.northstar.integrations.api;

import dev.northstar.integrations.readmodel.OpenShareLinks;
import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a share link opens, asked with the link's own token: how roadmap- and analytics-service make sure a link is
 * still open (not revoked, not expired) before they serve it, whatever Kafka has brought them yet.
 */
@Path("/api/v1/shared/{token}/link")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shared", description = "What a share link opens, without a bearer token")
public class SharedLinkResource {
    private final OpenShareLinks links;

    public SharedLinkResource(OpenShareLinks links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "The product, scope, audience and expiry of an open share link (404 once it expired or was revoked)")
    public OpenShareLinks.OpenLink link(@PathParam("token") String token) {
        return links.byToken(token).orElseThrow(() -> new ProblemException(Problem.of(404, "not-found", "Not found",
                "this link opens nothing: it expired, was revoked, or never existed")));
    }
}
