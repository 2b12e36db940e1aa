package dev.northstar.platform.security;

import dev.northstar.platform.api.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Rate limits per API key and per token subject ({@link RateLimitSettings}), before the access policy, so that refused
 * requests count too. Anonymous requests (health, share links) are not counted here. Answers carry
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the bucket is full);
 * a refused one is a 429 problem with {@code Retry-After} (seconds until one request is allowed).
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class RateLimits implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String TAKEN = RateLimits.class.getName();

    @Inject
    SecurityIdentity identity;
    @Inject
    CallerBuckets buckets;

    @Override
    public void filter(ContainerRequestContext request) {
        if (identity.isAnonymous()) {
            return;
        }
        String caller = identity.getPrincipal().getName();
        Optional<CallerBuckets.Taken> taken = buckets.take(caller);
        if (taken.isEmpty()) {
            return;
        }
        if (taken.get().probe().isConsumed()) {
            request.setProperty(TAKEN, taken.get());
            return;
        }
        RateLimitSettings.Limit limit = taken.get().limit();
        Response refused = Response.fromResponse(Problem.of(429, "too-many-requests", "Too many requests",
                        "at most " + limit.requests() + " requests per " + limit.period() + " for " + caller + " on this replica")
                .at(request.getUriInfo().getPath()).toResponse())
                .header("Retry-After", seconds(taken.get().probe().getNanosToWaitForRefill())).build();
        describe(taken.get(), refused.getHeaders());
        request.abortWith(refused);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(TAKEN) instanceof CallerBuckets.Taken taken) {
            describe(taken, response.getHeaders());
        }
    }

    private static void describe(CallerBuckets.Taken taken, MultivaluedMap<String, Object> headers) {
        headers.putSingle("RateLimit-Limit", taken.limit().requests());
        headers.putSingle("RateLimit-Remaining", taken.probe().getRemainingTokens());
        headers.putSingle("RateLimit-Reset", seconds(taken.probe().getNanosToWaitForReset()));
    }

    /** Whole seconds, rounded up: a client that waits this long is not refused for waiting too little. */
    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
