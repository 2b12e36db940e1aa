package dev.northstar.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How many requests one caller may make, counted in memory by each replica on its own: behind a load balancer that
 * spreads a caller over n replicas, the caller gets up to n times the limit. Off (0) unless configured.
 */
@ConfigMapping(prefix = "northstar.rate-limits")
public interface RateLimitSettings {
    /** A person's or a client's bearer token, counted by its subject (all of one subject's tokens together). */
    Limit tokenSubject();

    /** An API key ({@code nsk_…}), counted by key: its principal is {@code apikey:<id>}. */
    Limit apiKey();

    /** Callers whose counts a replica keeps; past this all counts start afresh, so memory stays bounded. */
    @WithDefault("100000")
    int callersKept();

    interface Limit {
        /** Requests per period, also the largest burst; 0 turns the limit off. */
        @WithDefault("0")
        long requests();

        /** The period in which {@link #requests()} refill, evenly. */
        @WithDefault("PT1M")
        Duration period();
    }
}
