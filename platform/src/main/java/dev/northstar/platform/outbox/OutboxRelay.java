package dev.northstar.platform.outbox;

import dev.northstar.platform.tracing.MessageTracing;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.platform.kafka.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka. Every instance of a service runs one, but only the holder of a
 * PostgreSQL advisory lock publishes: the lock goes with the holder's session, so when the active
 * relay dies a standby takes over within {@code standby-poll}. The active relay sleeps on
 * LISTEN/NOTIFY and wakes when an outbox insert commits (or after {@code idle-poll} regardless).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final KafkaClients kafka;
    private final OutboxListener listener;
    private final boolean enabled;
    private final long lockKey;
    private final int batchSize;
    private final Duration idlePoll;
    private final Duration standbyPoll;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread worker;
    private volatile boolean active;

    public OutboxRelay(AgroalDataSource dataSource, ObjectMapper json, KafkaClients kafka, MessageTracing tracing,
                       OutboxListener listener,
                       @ConfigProperty(name = "northstar.outbox.relay.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "quarkus.application.name") String serviceName,
                       @ConfigProperty(name = "northstar.outbox.relay.batch-size", defaultValue = "500") int batchSize,
                       @ConfigProperty(name = "northstar.outbox.relay.idle-poll", defaultValue = "PT1S") Duration idlePoll,
                       @ConfigProperty(name = "northstar.outbox.relay.standby-poll", defaultValue = "PT1S") Duration standbyPoll) {
        this.dataSource = dataSource;
        this.json = json;
        this.kafka = kafka;
        this.tracing = tracing;
        this.listener = listener;
        this.enabled = enabled;
        this.lockKey = lockKeyFor(serviceName);
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
        this.standbyPoll = standbyPoll;
    }

    /** The advisory-lock key that elects the single active relay of a service. */
    public static long lockKeyFor(String serviceName) {
        return ("northstar-outbox-relay:" + serviceName).hashCode();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running.compareAndSet(false, true)) {
            worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
        }
    }

    /** Stops publishing and gives up leadership, so that another instance can take over. */
    public synchronized void stop() {
        if (running.compareAndSet(true, false)) {
            Thread thread = worker;
            try {
                // The loop notices within one idle poll; interrupting a producer mid-close only makes noise.
                thread.join(idlePoll.plusSeconds(5).toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this instance holds the relay lock now. */
    public boolean isActive() {
        return active;
    }

    private void run() {
        while (running.get()) {
            try (Connection leadership = dataSource.getConnection()) {
                leadership.setAutoCommit(true);
                if (tryLock(leadership)) {
                    active = true;
                    LOG.info("outbox relay is active");
                    try {
                        publishWhileLeader(leadership);
                    } finally {
                        // The connection goes back to the pool, which keeps its session: release explicitly.
                        unlock(leadership);
                    }
                } else {
                    sleep(standbyPoll);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (running.get()) {
                    LOG.warnf("outbox relay failed, retrying: %s", e.toString());
                    sleepQuietly(Duration.ofSeconds(1));
                }
            } finally {
                active = false;
            }
        }
    }

    private void publishWhileLeader(Connection leadership) throws Exception {
        try (Statement listen = leadership.createStatement()) {
            listen.execute("LISTEN northstar_outbox");
        }
        PGConnection notifications = leadership.unwrap(PGConnection.class);
        try (Producer<String, String> producer = kafka.producer("outbox-relay")) {
            OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, json, tracing, batchSize, listener);
            while (running.get()) {
                int published = publisher.publishNextBatch();
                if (published < batchSize) {
                    // Blocks until a commit notifies or the idle poll elapses; also proves the session is alive.
                    notifications.getNotifications((int) idlePoll.toMillis());
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, lockKey);
            ps.execute();
            try (Statement unlisten = connection.createStatement()) {
                unlisten.execute("UNLISTEN northstar_outbox");
            }
        } catch (SQLException e) {
            LOG.debugf("could not release relay lock (the session is gone, and the lock with it): %s", e);
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
