package dev.northstar.platform.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The base URL of the links' owner, integrations-service, which is asked whether a link still opens before it is
     * served and while a stream of it is open: a revocation holds at once, even while Kafka lags. Without one, this
     * service's own copy of the links (from Kafka) decides.
     */
    Optional<URI> authorityUrl();

    /** How long the owner may take to answer (no answer: the request is answered 503, never served). */
    @WithDefault("PT1S")
    Duration authorityTimeout();

    /** How often an open stream of a link asks whether the link still opens. */
    @WithDefault("PT2S")
    Duration recheckInterval();
}
