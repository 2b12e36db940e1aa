package dev.northstar.platform.privacy;

import dev.northstar.platform.privacy.MasterKeyedValues.Stored;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-wraps, in batches of one transaction each, every value of the service's {@link MasterKeyedValues} that is not under
 * the current master key: at start (in the background) and on demand. Once no value is under an old key any more, on
 * every service that keeps such values, the old key can be dropped from the configuration and destroyed. Every replica
 * may run it at once: each value is replaced only if it did not change meanwhile. Services without such values do nothing.
 */
@ApplicationScoped
public class MasterKeyRotation {
    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 200;
    /** How often the gauge counts again, at most: counting reads every value. */
    private static final Duration RECOUNT = Duration.ofMinutes(1);

    /** A re-wrapping run: RUNNING, DONE or FAILED, with what it did so far; failed counts values no configured key opens. */
    public record Run(String state, Instant startedAt, Instant finishedAt, long rewrapped, long failed, String error) {
    }

    /**
     * The master keys and how many stored values are under each old one (every previous key is named, 0 when nothing is
     * under it; {@code legacy} counts data keys wrapped before key ids); {@code missingKeyIds} are keys values are under
     * that are not configured at all. {@code remainingTotal} 0 on every service: the previous keys can go.
     */
    public record Status(String currentKeyId, List<String> previousKeyIds, Map<String, Long> remaining, long remainingTotal,
                         Map<String, Map<String, Long>> remainingByStore, List<String> missingKeyIds, Run lastRun) {
    }

    private final MasterKey master;
    private final Instance<MasterKeyedValues> stores;
    private final MeterRegistry registry;
    private final AtomicReference<Run> run = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long counted = -1;
    private volatile Instant countedAt = Instant.EPOCH;

    public MasterKeyRotation(MasterKey master, Instance<MasterKeyedValues> stores, MeterRegistry registry) {
        this.master = master;
        this.stores = stores;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent start) {
        if (stores.isUnsatisfied()) {
            return;
        }
        master.requireConfigured();
        Gauge.builder("northstar.master.key.old.values", this, MasterKeyRotation::oldValues)
                .description("Values (wrapped data keys, sealed secrets) still under a previous master key; 0: it may be destroyed")
                .register(registry);
        start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** Starts re-wrapping in the background, unless a run is going on already; answers the run. */
    public Run start() {
        Run last = run.get();
        if (last != null && last.state().equals("RUNNING")) {
            return last;
        }
        Run started = new Run("RUNNING", Instant.now(), null, 0, 0, null);
        if (!run.compareAndSet(last, started)) {
            return run.get();
        }
        Thread.ofPlatform().name("master-key-rewrap").daemon().start(() -> rewrapAll(started));
        return started;
    }

    /** The last run, if any (on this replica). */
    public Run lastRun() {
        return run.get();
    }

    public Status status() {
        String current = master.keyId();
        List<String> previous = master.previousKeyIds();
        Map<String, Long> remaining = new TreeMap<>();
        previous.forEach(id -> remaining.put(id, 0L));
        Map<String, Map<String, Long>> byStore = new LinkedHashMap<>();
        for (MasterKeyedValues store : stores) {
            Map<String, Long> counts = store.column().countNotUnder(current);
            byStore.put(store.name(), counts);
            counts.forEach((keyId, count) -> remaining.merge(keyId, count, Long::sum));
        }
        long total = remaining.values().stream().mapToLong(Long::longValue).sum();
        counted = total;
        countedAt = Instant.now();
        List<String> missing = remaining.keySet().stream()
                .filter(id -> !previous.contains(id) && !id.equals(MasterKeyedColumn.NO_KEY_ID)).toList();
        return new Status(current, previous, remaining, total, byStore, missing, run.get());
    }

    private void rewrapAll(Run started) {
        String current = master.keyId();
        long rewrapped = 0;
        long failed = 0;
        String error = null;
        try {
            for (MasterKeyedValues store : stores) {
                String after = null;
                List<Stored> batch;
                while (!stopping && !(batch = store.column().nextNotUnder(current, after, BATCH)).isEmpty()) {
                    Map<Stored, String> replacements = new LinkedHashMap<>();
                    for (Stored stored : batch) {
                        try {
                            replacements.put(stored, store.rewrapped(stored));
                        } catch (IllegalStateException | IllegalArgumentException e) {
                            failed++;
                            if (error == null) {
                                error = store.name() + " " + stored.id() + ": " + e.getMessage();
                                LOG.warnf("could not re-wrap a value under the current master key %s: %s", current, error);
                            }
                        }
                    }
                    rewrapped += QuarkusTransaction.requiringNew().call(() -> replacements.entrySet().stream()
                            .filter(replacement -> store.replace(replacement.getKey(), replacement.getValue())).count());
                    after = batch.getLast().id();
                    run.set(new Run("RUNNING", started.startedAt(), null, rewrapped, failed, error));
                }
            }
            if (stopping && error == null) {
                error = "the service stopped before the run ended";
            }
            run.set(new Run(failed == 0 && !stopping ? "DONE" : "FAILED", started.startedAt(), Instant.now(), rewrapped, failed, error));
            if (rewrapped > 0 || failed > 0) {
                LOG.infof("re-wrapped %d values under the current master key %s (%d could not be opened)", rewrapped, current, failed);
            }
        } catch (RuntimeException e) {
            LOG.error("re-wrapping under the current master key failed; it runs again at the next start or on demand", e);
            run.set(new Run("FAILED", started.startedAt(), Instant.now(), rewrapped, failed, String.valueOf(e.getMessage())));
        }
        countedAt = Instant.EPOCH;
    }

    /** The gauge: the last count of values under old keys, counted again when it is older than a minute. */
    private double oldValues() {
        if (Instant.now().isAfter(countedAt.plus(RECOUNT))) {
            try {
                status();
            } catch (RuntimeException e) {
                LOG.debug("could not count the values under old master keys", e);
            }
        }
        return counted < 0 ? Double.NaN : counted;
    }
}
