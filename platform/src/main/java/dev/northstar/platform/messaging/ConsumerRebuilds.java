package dev.northstar.platform.messaging;

import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.kafka.KafkaClients;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds a {@link RebuildableConsumer}'s state from its topics while the service keeps answering from the old
 * state. Whichever replica gets the request claims it in {@code consumer_rebuilds} (one rebuild at a time, across
 * replicas), copies the consumer's tables' structure into a schema of its own, replays every retained record of the
 * consumer's topics into the copies through the same {@link Inbox} (a reader of all partitions, independent of the
 * live consumer group), catches up, and then, in one transaction holding an advisory lock that every live
 * transaction of the consumer takes shared (on every replica), applies the last records and swaps the copies in.
 * The live consumers then go on from their own offsets; what the rebuild already applied is in the new inbox.
 */
@ApplicationScoped
public class ConsumerRebuilds {
    private static final Logger LOG = Logger.getLogger(ConsumerRebuilds.class);
    private static final long CATCH_UP_LAG = 500;

    private final EventConsumers consumers;
    private final Inbox inbox;
    private final Sql sql;
    private final KafkaClients kafka;
    private final Duration staleAfter;
    private final String runner = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean stopping;

    public ConsumerRebuilds(EventConsumers consumers, Inbox inbox, Sql sql, KafkaClients kafka,
                            @ConfigProperty(name = "northstar.rebuilds.stale-after", defaultValue = "PT60S") Duration staleAfter) {
        this.consumers = consumers;
        this.inbox = inbox;
        this.sql = sql;
        this.kafka = kafka;
        this.staleAfter = staleAfter;
    }

    public record Status(String consumer, String state, Instant requestedAt, String runner, Instant heartbeatAt,
                         Instant finishedAt, long eventsApplied, long eventsRejected, String error) {
    }

    static long lockKey(String consumer) {
        return ("northstar-consumer-rebuild:" + consumer).hashCode();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Starts a rebuild on this replica unless one is running somewhere (409); answers its status. */
    public Status start(String name) {
        RebuildableConsumer<?> consumer = rebuildable(name);
        int claimed = QuarkusTransaction.requiringNew().call(() -> sql.update("""
                INSERT INTO consumer_rebuilds (consumer, state, requested_at, runner, heartbeat_at)
                VALUES (?, 'RUNNING', now(), ?, now())
                ON CONFLICT (consumer) DO UPDATE SET state = 'RUNNING', requested_at = now(), runner = excluded.runner,
                    heartbeat_at = now(), finished_at = NULL, events_applied = 0, events_rejected = 0, error = NULL
                WHERE consumer_rebuilds.state <> 'RUNNING' OR consumer_rebuilds.heartbeat_at < now() - ?::interval""",
                name, runner, staleAfter.toSeconds() + " seconds"));
        if (claimed == 0) {
            throw ProblemException.conflict("a rebuild of " + name + " is running: GET its status until it is DONE");
        }
        Thread.ofPlatform().name("rebuild-" + name).daemon().start(() -> run(consumer));
        return status(name).orElseThrow();
    }

    public Optional<Status> status(String name) {
        rebuildable(name);
        return sql.query("""
                SELECT consumer, state, requested_at, runner, heartbeat_at, finished_at, events_applied, events_rejected, error
                FROM consumer_rebuilds WHERE consumer = ?""", rs -> new Status(rs.getString(1), rs.getString(2),
                instant(rs.getTimestamp(3)), rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                rs.getLong(7), rs.getLong(8), rs.getString(9)), name).stream().findFirst();
    }

    private RebuildableConsumer<?> rebuildable(String name) {
        EventConsumer<?> consumer = consumers.named(name).orElseThrow(() -> ProblemException.notFound("consumer " + name));
        if (!(consumer instanceof RebuildableConsumer<?> rebuildable)) {
            throw ProblemException.conflict("consumer " + name + " cannot be rebuilt from its topics");
        }
        return rebuildable;
    }

    private void run(RebuildableConsumer<?> consumer) {
        String name = consumer.name();
        String schema = "rebuild_" + name.replaceAll("[^A-Za-z0-9]", "_");
        AtomicLong applied = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Instant started = Instant.now();
        try (Consumer<String, String> reader = kafka.reader()) {
            QuarkusTransaction.requiringNew().run(() -> copyStructure(consumer, schema));
            List<TopicPartition> partitions = partitionsOf(reader, consumers.topicsOf(name));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            long behind;
            do {
                behind = replayToEnd(consumer, schema, reader, partitions, applied, rejected);
            } while (behind > CATCH_UP_LAG);
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                sql.query("SELECT pg_advisory_xact_lock(?)", rs -> 1, lockKey(name));
                replayToEnd(consumer, schema, reader, partitions, applied, rejected);
                swapIn(consumer, schema);
                consumer.rebuilt();
                sql.update("""
                        UPDATE consumer_rebuilds SET state = 'DONE', finished_at = now(), heartbeat_at = now(),
                            events_applied = ?, events_rejected = ? WHERE consumer = ? AND runner = ?""",
                        applied.get(), rejected.get(), name, runner);
            });
            LOG.infof("rebuilt %s from %d events in %d ms (%d rejected)", name, applied.get(),
                    Duration.between(started, Instant.now()).toMillis(), rejected.get());
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild of %s failed", name);
            QuarkusTransaction.requiringNew().run(() -> sql.update("""
                    UPDATE consumer_rebuilds SET state = 'FAILED', finished_at = now(), error = ? WHERE consumer = ? AND runner = ?""",
                    Failures.reason(e), name, runner));
        }
    }

    private void copyStructure(RebuildableConsumer<?> consumer, String schema) {
        sql.update("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        sql.update("CREATE SCHEMA " + schema);
        List<String> tables = new ArrayList<>(consumer.stateTables());
        tables.addAll(consumer.scratchTables());
        tables.add("inbox");
        for (String table : tables) {
            sql.update("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
        }
    }

    private void swapIn(RebuildableConsumer<?> consumer, String schema) {
        for (String table : consumer.stateTables()) {
            sql.update("DROP TABLE public." + table);
            sql.update("ALTER TABLE " + schema + "." + table + " SET SCHEMA public");
        }
        sql.update("DELETE FROM public.inbox WHERE consumer = ?", consumer.name());
        sql.update("INSERT INTO public.inbox SELECT * FROM " + schema + ".inbox WHERE consumer = ?", consumer.name());
        sql.update("DROP SCHEMA " + schema + " CASCADE");
    }

    /** Applies every record up to the partitions' current end; answers how many records arrived meanwhile. */
    private long replayToEnd(RebuildableConsumer<?> consumer, String schema, Consumer<String, String> reader,
                             List<TopicPartition> partitions, AtomicLong applied, AtomicLong rejected) {
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        while (partitions.stream().anyMatch(p -> reader.position(p, Duration.ofSeconds(30)) < end.get(p))) {
            if (stopping) {
                throw new IllegalStateException("the service is stopping");
            }
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                try {
                    if (inbox.apply(consumer, record, Integer.MAX_VALUE, schema) == Inbox.Outcome.APPLIED) {
                        applied.incrementAndGet();
                    }
                } catch (PermanentFailure failure) {
                    // the live consumer dead-lettered this record too; a re-drive of its dead letters applies it
                    rejected.incrementAndGet();
                }
            }
            heartbeat(consumer.name(), applied.get(), rejected.get());
        }
        Map<TopicPartition, Long> now = reader.endOffsets(partitions, Duration.ofSeconds(30));
        return partitions.stream().mapToLong(p -> now.get(p) - end.get(p)).sum();
    }

    private void heartbeat(String name, long applied, long rejected) {
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                UPDATE consumer_rebuilds SET heartbeat_at = now(), events_applied = ?, events_rejected = ?
                WHERE consumer = ? AND runner = ?""", applied, rejected, name, runner));
    }

    private static List<TopicPartition> partitionsOf(Consumer<String, String> reader, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reader.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
