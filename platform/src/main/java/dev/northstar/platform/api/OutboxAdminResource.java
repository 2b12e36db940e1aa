package dev.northstar.platform.api;

import dev.northstar.platform.outbox.ParkedOutbox;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/** The outbox rows the broker refused for good (larger than it accepts): list, re-drive once fixed, or discard. */
@Path("/api/v1/admin/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxAdminResource {
    private final ParkedOutbox parked;

    public OutboxAdminResource(ParkedOutbox parked) {
        this.parked = parked;
    }

    @GET
    @Operation(summary = "The outbox rows parked because the broker refused them, oldest first, with the reason")
    public List<ParkedOutbox.Parked> list() {
        return parked.list();
    }

    /** A parked row put back at the end of the outbox. */
    public record Requeued(long id, UUID eventId) {
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(summary = "Puts a parked row back at the end of the outbox, once the broker takes records of its size")
    public Requeued redrive(@PathParam("id") long id) {
        return parked.redrive(id).map(eventId -> new Requeued(id, eventId))
                .orElseThrow(() -> ProblemException.notFound("parked outbox row " + id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Discards a parked row for good; 204")
    public void discard(@PathParam("id") long id) {
        if (!parked.discard(id)) {
            throw ProblemException.notFound("parked outbox row " + id);
        }
    }
}
