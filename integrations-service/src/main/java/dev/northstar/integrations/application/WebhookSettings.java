package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.AddressKind;
import dev.northstar.integrations.domain.RetrySchedule;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How this installation sends webhooks ({@code northstar.webhooks.*}, or {@code NORTHSTAR_WEBHOOKS_*} variables). */
@ConfigMapping(prefix = "northstar.webhooks")
public interface WebhookSettings {

    /** Whether subscriptions may name plain http URLs (the local run allows them; a real installation should not). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * The kinds of addresses besides public ones deliveries may go to: LOOPBACK, PRIVATE, LINK_LOCAL (none by default:
     * a webhook URL must not reach into Northstar's own host or network).
     */
    @WithDefault("none")
    List<String> allowedAddressKinds();

    /** The waits between attempts; once spent, the delivery has failed and its subscription is disabled. */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retryDelays();

    /** Each wait is stretched or shrunk by up to this fraction. */
    @WithDefault("0.2")
    double retryJitter();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The longest an endpoint may take to answer (its status line and headers; the rest of the answer is not read). */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** How long an instance holds a delivery it is sending before another may take it over. */
    @WithDefault("PT1M")
    Duration lease();

    /** How often each instance looks for deliveries that are due (new events also wake it at once). */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** Deliveries in flight at once per instance. */
    @WithDefault("16")
    int maxInFlight();

    /** Subscriptions one product may have. */
    @WithDefault("50")
    int maxPerProduct();

    /** How far back a replay may reach. */
    @WithDefault("P30D")
    Duration replayWindow();

    /** How long a finished delivery (and its attempts) stays in the log. */
    @WithDefault("P30D")
    Duration deliveriesRetention();

    /** How long events are kept for replays and digests (a digest covers at most 366 days). */
    @WithDefault("P366D")
    Duration eventsRetention();

    default RetrySchedule retrySchedule() {
        return new RetrySchedule(retryDelays(), retryJitter());
    }

    default Set<AddressKind> allowedKinds() {
        return allowedAddressKinds().stream().filter(kind -> !kind.isBlank() && !kind.equalsIgnoreCase("none"))
                .map(kind -> AddressKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
    }
}
