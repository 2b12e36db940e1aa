package dev.northstar.platform;

import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/** A write that appends one event the test consumer applies, and a read of how often it applied it. */
@Path("/test/positions")
public class PositionProbe {
    private final EventStore store;

    public PositionProbe(EventStore store) {
        this.store = store;
    }

    @POST
    public Response write() {
        StoredEvent event = TestStreams.append(store, UUID.randomUUID(), 0, 1).getFirst();
        return Response.status(201).entity(Map.of("eventId", event.eventId().toString())).build();
    }

    @GET
    @Path("/{eventId}")
    public Map<String, Integer> read(@PathParam("eventId") UUID eventId) {
        return Map.of("applied", TestStreams.timesApplied(eventId));
    }
}
