package dev.northstar.platform.api;

import dev.northstar.platform.eventstore.EventMetadata;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/**
 * Event metadata for the current HTTP request: the actor is the token's principal (upn, preferred_username or
 * subject), the correlation id comes from {@code X-Correlation-Id} or is new.
 */
@RequestScoped
public class RequestMetadata {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_ACTOR_LENGTH = 200;

    private final HttpServerRequest request;
    private final SecurityIdentity identity;

    public RequestMetadata(HttpServerRequest request, SecurityIdentity identity) {
        this.request = request;
        this.identity = identity;
    }

    public String actor() {
        String actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return actor.length() > MAX_ACTOR_LENGTH ? actor.substring(0, MAX_ACTOR_LENGTH) : actor;
    }

    /** Whether the caller's token carries the role. */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public UUID correlationId() {
        String header = request.getHeader(CORRELATION_HEADER);
        if (header == null || header.isBlank()) {
            return UUID.randomUUID();
        }
        try {
            return UUID.fromString(header.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(CORRELATION_HEADER, "must be a UUID");
        }
    }

    public EventMetadata newEventMetadata() {
        return EventMetadata.now(correlationId(), null, actor());
    }
}
