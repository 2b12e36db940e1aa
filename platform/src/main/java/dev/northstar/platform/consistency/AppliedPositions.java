package dev.northstar.platform.consistency;

import dev.northstar.platform.consistency.Position.Mark;
import dev.northstar.platform.messaging.ConsumerPositions;
import dev.northstar.platform.messaging.ConsumerPositions.Partition;
import dev.northstar.platform.messaging.EventConsumers;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this service has applied a position: every consumer of each of its topics must be at or past its offset
 * on that partition (topics no consumer here reads count as applied). What the consumers recorded is cached (it only
 * grows), so a read whose position is already applied costs no query. Waiting reads are settled together by one
 * ticker thread: one query of {@code consumer_positions} per poll interval while any waits, and, for those that wait
 * longer, what Kafka says (see {@link CommittedOffsets}).
 */
@ApplicationScoped
public class AppliedPositions {
    private static final Logger LOG = Logger.getLogger(AppliedPositions.class);

    /** A consumer still behind a position on one partition: it has applied up to {@code applied} (-1: nothing known). */
    public record Lag(String consumer, String topic, int partition, long wanted, long applied) {
        public long behind() {
            return wanted - applied;
        }
    }

    private record Need(Partition partition, long offset) {
    }

    private record Waiter(List<Need> needs, Instant since, Instant deadline, CompletableFuture<List<Lag>> answer) {
    }

    private final EventConsumers consumers;
    private final ConsumerPositions positions;
    private final CommittedOffsets committed;
    private final ConsistencySettings settings;
    private final Map<Partition, Long> known = new ConcurrentHashMap<>();
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("consistency-ticker").daemon().factory());
    private volatile Map<String, List<String>> topicsByConsumer;

    public AppliedPositions(EventConsumers consumers, ConsumerPositions positions, CommittedOffsets committed,
                            ConsistencySettings settings) {
        this.consumers = consumers;
        this.positions = positions;
        this.committed = committed;
        this.settings = settings;
    }

    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    /** Completes with no lags once the position is applied, or with what is still behind at the bound. */
    public CompletionStage<List<Lag>> await(Position position) {
        List<Need> needs = needsOf(position);
        if (lags(needs, Instant.now()).isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Instant now = Instant.now();
        Waiter waiter = new Waiter(needs, now, now.plus(settings.waitFor()), new CompletableFuture<>());
        waiting.add(waiter);
        wake();
        return waiter.answer();
    }

    /** Raises what is known of a consumer's partition (from Kafka's committed offsets, say). */
    void learned(Partition partition, long applied) {
        known.merge(partition, applied, Math::max);
    }

    private List<Need> needsOf(Position position) {
        List<Need> needs = new ArrayList<>();
        for (Mark mark : position.marks()) {
            topicsByConsumer().forEach((consumer, topics) -> {
                if (topics.contains(mark.topic())) {
                    needs.add(new Need(new Partition(consumer, mark.topic(), mark.partition()), mark.offset()));
                }
            });
        }
        return needs;
    }

    private Map<String, List<String>> topicsByConsumer() {
        if (topicsByConsumer == null) {
            Map<String, List<String>> topics = new ConcurrentHashMap<>();
            consumers.names().forEach(name -> topics.put(name, consumers.topicsOf(name)));
            topicsByConsumer = topics;
        }
        return topicsByConsumer;
    }

    private List<Lag> lags(List<Need> needs, Instant since) {
        List<Lag> lags = new ArrayList<>();
        for (Need need : needs) {
            long applied = known.getOrDefault(need.partition(), -1L);
            if (applied < need.offset() && !committed.beyondEnd(need.partition(), need.offset(), since)) {
                Partition p = need.partition();
                lags.add(new Lag(p.consumer(), p.topic(), p.partition(), need.offset(), applied));
            }
        }
        return lags;
    }

    private void wake() {
        if (tickPending.compareAndSet(false, true)) {
            try {
                ticker.execute(this::tick);
            } catch (RuntimeException shuttingDown) {
                tickPending.set(false);
            }
        }
    }

    /** Reads what the consumers applied once for every waiting read, answers those it settles, comes back if any wait. */
    private void tick() {
        tickPending.set(false);
        if (waiting.isEmpty()) {
            return;
        }
        try {
            positions.of(topicsByConsumer().keySet()).forEach(this::learned);
        } catch (RuntimeException e) {
            LOG.debugf("could not read consumer_positions: %s", e);
        }
        Instant now = Instant.now();
        List<Need> longWaited = new ArrayList<>();
        for (Waiter waiter : waiting) {
            List<Lag> lags = lags(waiter.needs(), waiter.since());
            if (lags.isEmpty() || !now.isBefore(waiter.deadline())) {
                waiting.remove(waiter);
                waiter.answer().complete(lags);
            } else if (now.isAfter(waiter.since().plus(settings.askKafkaAfter()))) {
                longWaited.addAll(waiter.needs());
            }
        }
        if (!longWaited.isEmpty()) {
            committed.ask(longWaited.stream().map(Need::partition).distinct().toList(), this::learned, this::wake);
        }
        if (!waiting.isEmpty()) {
            try {
                ticker.schedule(this::wake, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                LOG.debug("the service is stopping: waiting reads time out");
            }
        }
    }
}
