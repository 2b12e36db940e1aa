package dev.northstar.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples in microseconds, safe to add to from several threads. */
final class Latencies {
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    void add(long micros) {
        this.micros.add(micros);
    }

    void addAll(Latencies other) {
        synchronized (other.micros) {
            this.micros.addAll(other.micros);
        }
    }

    int count() {
        return micros.size();
    }

    /** The percentile in milliseconds (nearest rank); 0 without samples. */
    double millis(int percentile) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }
}
