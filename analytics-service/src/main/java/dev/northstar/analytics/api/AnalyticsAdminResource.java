package dev.northstar.analytics.api;

import dev.northstar.analytics.application.FactsConsumer;
import dev.northstar.platform.api.AdminPaths;
import dev.northstar.platform.messaging.ConsumerRebuilds;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Rebuilds the analytics facts from the retained events of every topic they come from; the service's other operator
 * endpoints (consumers, parked outbox rows, projections) are under the same path.
 */
@Path("/api/v1/admin/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsAdminResource extends AdminPaths {
    private final ConsumerRebuilds rebuilds;

    public AnalyticsAdminResource(ConsumerRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Rebuild the facts from every retained event while the metrics are served from the old facts; "
            + "answers 202 with the rebuild's status (GET /api/v1/admin/analytics/consumers/facts/rebuild to watch it)")
    @APIResponseSchema(value = ConsumerRebuilds.Status.class, responseCode = "202", responseDescription = "The rebuild, started or already running")
    public Response rebuild() {
        return Response.accepted(rebuilds.start(FactsConsumer.NAME)).build();
    }
}
