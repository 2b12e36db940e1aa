package dev.northstar.platform.consistency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Read-your-writes across services: how long a write waits for its position, and a read for its service to catch up. */
@ConfigMapping(prefix = "northstar.consistency")
public interface ConsistencySettings {
    /** How long a request with {@code Northstar-After} waits for this service to apply it before it is answered 503. */
    @WithName("wait")
    @WithDefault("PT5S")
    Duration waitFor();

    /**
     * How long a write's response waits for the outbox relay to publish its events (to learn their position); past
     * it, the write is answered without {@code Northstar-Position} (Kafka is away, say) rather than failed.
     */
    @WithDefault("PT2S")
    Duration publishWait();

    /** How often a waiting read looks again at what the consumers have applied. */
    @WithDefault("PT0.01S")
    Duration pollInterval();

    /** How long a waiting read trusts the table alone before it also asks Kafka what the consumer groups committed. */
    @WithDefault("PT0.25S")
    Duration askKafkaAfter();
}
