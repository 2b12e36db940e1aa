package dev.northstar.platform.api;

import dev.northstar.platform.eventstore.EventMetadata;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/**
 * Event metadata for the current HTTP request: the actor from {@code X-Actor} (until tokens carry it),
 * the correlation id from {@code X-Correlation-Id} or a new one.
 */
@RequestScoped
public class RequestMetadata {
    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_ACTOR_LENGTH = 200;

    private final HttpServerRequest request;

    public RequestMetadata(HttpServerRequest request) {
        this.request = request;
    }

    public String actor() {
        String actor = request.getHeader(ACTOR_HEADER);
        if (actor == null || actor.isBlank()) {
            return "anonymous";
        }
        if (actor.length() > MAX_ACTOR_LENGTH) {
            throw ProblemException.badRequest(ACTOR_HEADER, "must be at most " + MAX_ACTOR_LENGTH + " characters");
        }
        return actor.strip();
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
