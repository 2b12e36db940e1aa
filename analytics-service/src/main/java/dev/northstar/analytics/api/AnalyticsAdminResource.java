package dev.northstar.analytics.api;

import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.inbox.InboxConsumers;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Rebuilds the analytics facts from the retained events of every topic they come from. */
@Path("/api/v1/admin/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsAdminResource {
    private static final List<String> FACT_TABLES = List.of("feedback_facts", "demand_links", "vote_facts", "initiative_facts",
            "item_facts");

    private final InboxConsumers consumers;
    private final Sql facts;

    public AnalyticsAdminResource(InboxConsumers consumers, Sql facts) {
        this.consumers = consumers;
        this.facts = facts;
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Empty the facts and replay every retained event into them; answers 202 when the replay has started")
    public Response rebuild() throws Exception {
        consumers.replay("facts", () -> FACT_TABLES.forEach(table -> facts.update("DELETE FROM " + table))).get(30, TimeUnit.SECONDS);
        return Response.accepted(Map.of("status", "replaying", "tables", FACT_TABLES)).build();
    }
}
