package dev.northstar.platform.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How much of a service anonymous share-link requests may take: they come from anyone who guesses the URL, so their
 * lookups share a few connections and give up quickly, and a signed-in user's requests never wait behind them.
 */
@ConfigMapping(prefix = "northstar.share-links")
public interface ShareLinkSettings {
    /** Lookups of share-link tokens running at once (each holds a database connection meanwhile). */
    @WithDefault("4")
    int concurrentLookups();

    /** How long a request waits for a lookup slot before it is answered 503. */
    @WithDefault("PT0.5S")
    Duration lookupWait();

    /** How long one lookup may take in the database. */
    @WithDefault("PT2S")
    Duration lookupTimeout();
}
