package dev.northstar.platform.api;

import dev.northstar.platform.messaging.ConsumerRebuilds;
import dev.northstar.platform.messaging.DeadLetters;
import dev.northstar.platform.messaging.EventConsumers;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.List;
import java.util.Set;

/** The service's event consumers and their dead letters: list them, and re-drive them once the cause is fixed. */
@Path("/api/v1/admin/consumers")
@Produces(MediaType.APPLICATION_JSON)
public class ConsumersAdminResource {
    private final EventConsumers consumers;
    private final DeadLetters deadLetters;
    private final ConsumerRebuilds rebuilds;

    public ConsumersAdminResource(EventConsumers consumers, DeadLetters deadLetters, ConsumerRebuilds rebuilds) {
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.rebuilds = rebuilds;
    }

    public record ConsumerInfo(String name, List<String> topics, List<String> deadLetterTopics) {
    }

    /**
     * Which dead letters to re-drive: their event ids (at most 5,000 at once, which fits the smallest body limit), or
     * none for every one not applied yet.
     */
    @Schema(example = "{\"eventIds\": [\"0b7c2f8e-5d41-4a8e-9c3f-1e2d3c4b5a69\"]}")
    public record RedriveRequest(@Size(max = 5000) Set<@NotNull @Size(max = 100) String> eventIds) {
    }

    @GET
    @Operation(summary = "The event consumers of this service and their dead-letter topics")
    public List<ConsumerInfo> consumers() {
        return consumers.names().stream()
                .map(name -> new ConsumerInfo(name, consumers.topicsOf(name), consumers.deadLetterTopicsOf(name)))
                .toList();
    }

    @GET
    @Path("/{consumer}/dead-letters")
    @Operation(summary = "The consumer's dead letters, once per event, with the reason and the original position; "
            + "redriven=true once applied")
    public List<DeadLetters.DeadLetter> list(@PathParam("consumer") String consumer) {
        known(consumer);
        return deadLetters.list(consumer);
    }

    @POST
    @Path("/{consumer}/dead-letters/redrive")
    @Operation(summary = "Applies the consumer's dead letters that are not applied yet (all, or the given event ids), "
            + "each at most once; answers the outcome per event")
    public List<DeadLetters.Redriven> redrive(@PathParam("consumer") String consumer, @Valid RedriveRequest request) {
        known(consumer);
        return deadLetters.redrive(consumer, request == null || request.eventIds() == null ? Set.of() : request.eventIds());
    }

    private void known(String consumer) {
        if (consumers.named(consumer).isEmpty()) {
            throw ProblemException.notFound("consumer " + consumer);
        }
    }

    @POST
    @Path("/{consumer}/rebuild")
    @Operation(summary = "Rebuilds the consumer's state from every retained event of its topics, on this replica, while the "
            + "service answers from the old state; answers 202 with the rebuild's status (409 if one is running)")
    @APIResponseSchema(value = ConsumerRebuilds.Status.class, responseCode = "202", responseDescription = "The rebuild, started or already running")
    public Response rebuild(@PathParam("consumer") String consumer) {
        return Response.accepted(rebuilds.start(consumer)).build();
    }

    @GET
    @Path("/{consumer}/rebuild")
    @Operation(summary = "The running or last rebuild of the consumer: RUNNING, DONE or FAILED, with its counts")
    public ConsumerRebuilds.Status rebuildStatus(@PathParam("consumer") String consumer) {
        return rebuilds.status(consumer).orElseThrow(() -> ProblemException.notFound("a rebuild of " + consumer));
    }
}
