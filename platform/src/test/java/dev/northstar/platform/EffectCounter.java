package dev.northstar.platform;

import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer whose effect is countable: every applied event adds one to its row in test_effects. An estimate below
 * zero is rejected (a permanent failure); an estimate of {@value #FLAKY} fails like a lost database connection
 * {@value #FLAKY_FAILURES} times before it goes through (a transient one).
 */
@ApplicationScoped
public class EffectCounter implements EventConsumer<BacklogEvent> {
    static final String TOPIC = "northstar.platform-test.events";
    static final int FLAKY = 999;
    static final int FLAKY_FAILURES = 3;
    /** The "fix" of the negative-estimate rule, for re-drive tests. */
    static volatile boolean acceptNegativeEstimates;

    private final Inbox inbox;
    private final Sql sql;
    private final Map<UUID, AtomicInteger> failures = new ConcurrentHashMap<>();

    public EffectCounter(Inbox inbox, Sql sql) {
        this.inbox = inbox;
        this.sql = sql;
    }

    @Incoming("effect-counter")
    @Blocking
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "effect-counter";
    }

    @Override
    public Class<BacklogEvent> accepts() {
        return BacklogEvent.class;
    }

    @Override
    public void handle(ReceivedEvent<? extends BacklogEvent> event) {
        if (event.payload() instanceof BacklogEvent.ItemEstimated estimate) {
            if (estimate.jobSize() < 0 && !acceptNegativeEstimates) {
                throw new IllegalArgumentException("an estimate cannot be negative: " + estimate.jobSize());
            }
            if (estimate.jobSize() == FLAKY
                    && failures.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet() <= FLAKY_FAILURES) {
                throw new IllegalStateException("write failed",
                        new SQLTransientConnectionException("Connection to localhost:5432 refused", "08001"));
            }
        }
        sql.update("""
                INSERT INTO test_effects (event_id, applied) VALUES (?, 1)
                ON CONFLICT (event_id) DO UPDATE SET applied = test_effects.applied + 1""", event.id().toString());
    }
}
