package dev.northstar.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.platform.api.Problem;
import io.quarkus.security.AuthenticationException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tokens are verified before any resource runs (proactive authentication), so a bad token never reaches the
 * JAX-RS exception mappers; this answers it with the same problem document as every other 4xx.
 */
@ApplicationScoped
public class AuthenticationProblems {
    private final ObjectMapper json;

    public AuthenticationProblems(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationException) || context.response().headWritten()) {
                context.next();
                return;
            }
            Problem problem = Problem.of(401, "unauthorized", "Unauthorized",
                    "the bearer token is not valid: expired, not signed by the configured issuer, or malformed")
                    .at(context.request().path());
            try {
                context.response().setStatusCode(401)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                        .end(json.writeValueAsString(problem));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                context.next();
            }
        });
    }
}
