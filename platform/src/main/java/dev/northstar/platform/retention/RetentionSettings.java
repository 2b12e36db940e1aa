package dev.northstar.platform.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the rows that only serve a while are kept, and how often the old ones are purged. */
@ConfigMapping(prefix = "northstar.retention")
public interface RetentionSettings {
    /** How often old rows are purged. */
    @WithDefault("PT10M")
    String interval();

    /**
     * An inbox row (the id of an event a consumer applied): long enough that no redelivery can come after it (Kafka
     * redelivers what was not committed, within seconds; a re-driven dead letter's row is kept for good).
     */
    @WithDefault("P30D")
    Duration inbox();

    /** An Idempotency-Key and the answer it replays. */
    @WithDefault("P7D")
    Duration idempotencyKeys();

    /** The most rows one statement deletes (a purge goes on until none is left). */
    @WithDefault("5000")
    int batchSize();
}
