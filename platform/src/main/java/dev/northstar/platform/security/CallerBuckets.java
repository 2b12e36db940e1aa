package dev.northstar.platform.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Each caller's token bucket on this replica (see {@link RateLimitSettings}). */
@ApplicationScoped
public class CallerBuckets {
    public static final String API_KEY_PRINCIPAL_PREFIX = "apikey:";

    /** One request counted against a caller's limit: whether it was allowed, and what is left. */
    public record Taken(RateLimitSettings.Limit limit, ConsumptionProbe probe) {
    }

    private final RateLimitSettings settings;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CallerBuckets(RateLimitSettings settings) {
        this.settings = settings;
    }

    /** Takes one request from the bucket of {@code principal}; empty when its kind of caller has no limit. */
    public Optional<Taken> take(String principal) {
        boolean key = principal.startsWith(API_KEY_PRINCIPAL_PREFIX);
        RateLimitSettings.Limit limit = key ? settings.apiKey() : settings.tokenSubject();
        if (limit.requests() <= 0) {
            return Optional.empty();
        }
        if (buckets.size() >= settings.callersKept()) {
            buckets.clear();
        }
        // the kind of limit is part of the name: a subject called "apikey:…" cannot share a key's bucket
        Bucket bucket = buckets.computeIfAbsent((key ? "key|" : "subject|") + principal, name -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                .build());
        return Optional.of(new Taken(limit, bucket.tryConsumeAndReturnRemaining(1)));
    }
}
