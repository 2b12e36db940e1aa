package dev.northstar.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem documents for requests the HTTP layer refuses before any resource sees them, where Quarkus would answer
 * with a bare status: a body whose {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} (this
 * route runs ahead of Quarkus' own check) and a request target longer than {@value #MAX_URI_LENGTH} characters
 * ({@code 414}). Two cases stay bare: a chunked body that grows past the limit while Quarkus reads it (it ends the
 * response itself), and a request line longer than {@code quarkus.http.limits.max-initial-line-length}, set well
 * above {@value #MAX_URI_LENGTH} (Netty answers it before any route).
 */
@ApplicationScoped
public class HttpLayerProblems {
    static final int MAX_URI_LENGTH = 8192;

    private final ObjectMapper json;
    private final MemorySize bodyLimit;

    public HttpLayerProblems(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit) {
        this.json = json;
        this.bodyLimit = bodyLimit;
    }

    void install(@Observes Router router) {
        // Quarkus' body-size route has order -2
        router.route().order(-3).handler(this::refuseWhatTheHttpLayerWouldRefuse);
    }

    private void refuseWhatTheHttpLayerWouldRefuse(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            end(context, Problem.of(414, "uri-too-long", "URI too long", "the request target has " + uri.length()
                    + " characters; this service accepts at most " + MAX_URI_LENGTH).at(context.normalizedPath()
                    .substring(0, Math.min(200, context.normalizedPath().length()))));
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > bodyLimit.asLongValue()) {
            end(context, tooLarge(context, "the request body has " + length + " bytes"));
            return;
        }
        context.next();
    }

    private Problem tooLarge(RoutingContext context, String what) {
        return Problem.of(413, "payload-too-large", "Payload too large", what + "; this service accepts at most "
                + bodyLimit.asLongValue() + " bytes").at(context.normalizedPath());
    }

    private void end(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (context.request().version() != HttpVersion.HTTP_2) {
            // the rest of the body is not read: the connection cannot carry another request (HTTP/2 resets the stream)
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(encode(problem));
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
