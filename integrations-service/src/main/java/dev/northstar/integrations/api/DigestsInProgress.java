package dev.northstar.integrations.api;

import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The digests being computed now, per caller: a caller (token principal) computes at most
 * {@code northstar.digest.per-caller} at once, so one token cannot tie up the database with year-long digests.
 */
@ApplicationScoped
public class DigestsInProgress {
    private final ConcurrentHashMap<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();
    private final int perCallerLimit;

    public DigestsInProgress(@ConfigProperty(name = "northstar.digest.per-caller", defaultValue = "2") int perCallerLimit) {
        this.perCallerLimit = perCallerLimit;
    }

    /** A caller's slot, given back when closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes one of the caller's slots, or answers 429 when they hold all of them. */
    public Slot start(String caller) {
        AtomicInteger held = perCaller.compute(caller, (name, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            c.incrementAndGet();
            return c;
        });
        if (held.get() > perCallerLimit) {
            release(caller);
            throw new ProblemException(Problem.of(429, "too-many-digests", "Too many digests",
                    "this caller already has " + perCallerLimit + " digests being computed; wait for one to finish"));
        }
        return () -> release(caller);
    }

    private void release(String caller) {
        perCaller.computeIfPresent(caller, (name, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
