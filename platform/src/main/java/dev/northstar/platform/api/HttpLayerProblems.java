package dev.northstar.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A problem document for a body the service will not read: Quarkus answers a request whose {@code Content-Length}
 * exceeds {@code quarkus.http.limits.max-body-size} with a bare {@code 413} before any resource sees it, so this
 * route, placed ahead of Quarkus' own check, answers it first with the problem. (A chunked body that grows past the
 * limit is still cut off by Quarkus with a bare 413.)
 */
@ApplicationScoped
public class HttpLayerProblems {
    private final ObjectMapper json;
    private final MemorySize bodyLimit;

    public HttpLayerProblems(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit) {
        this.json = json;
        this.bodyLimit = bodyLimit;
    }

    void install(@Observes Router router) {
        // Quarkus' body-size route has order -2
        router.route().order(-3).handler(this::refuseDeclaredOversizedBody);
    }

    private void refuseDeclaredOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > bodyLimit.asLongValue()) {
            Problem problem = Problem.of(413, "payload-too-large", "Payload too large", "the request body has " + length
                    + " bytes; this service accepts at most " + bodyLimit.asLongValue()).at(context.normalizedPath());
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(encode(problem));
            return;
        }
        context.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    private String encode(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
