package dev.northstar.platform.consistency;

import dev.northstar.platform.consistency.Position.Mark;
import dev.northstar.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Answers every successful write that queued events with {@code Northstar-Position}: where they sit on Kafka, once
 * the relay has published them (it is woken by the commit), which a read at another service hands back in
 * {@code Northstar-After}. The wait is asynchronous (no thread is held) and bounded: past
 * {@code northstar.consistency.publish-wait}, or when another replica's relay publishes, the write is answered
 * without the header instead.
 */
public class WritePositions {
    public static final String HEADER = "Northstar-Position";

    private final WrittenEvents written;
    private final PublishedPositions published;
    private final OutboxRelay relay;
    private final ConsistencySettings settings;

    public WritePositions(WrittenEvents written, PublishedPositions published, OutboxRelay relay, ConsistencySettings settings) {
        this.written = written;
        this.published = published;
        this.relay = relay;
        this.settings = settings;
    }

    @ServerResponseFilter
    public Uni<Void> answerPosition(ContainerResponseContext response) {
        Map<UUID, CompletableFuture<Mark>> events = new LinkedHashMap<>(written.events());
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        written.events().clear();
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL || !relay.isActive()) {
            published.forget(events);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(published.positionOf(events, settings.publishWait()))
                .invoke(position -> position.ifPresent(p -> response.getHeaders().putSingle(HEADER, p.encode())))
                .replaceWithVoid();
    }
}
