package dev.northstar.integrations.api;

import dev.northstar.integrations.domain.RuleViolation;
import dev.northstar.platform.api.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

public class IntegrationsProblemMapper {

    @ServerExceptionMapper
    public Response violation(RuleViolation violation, HttpServerRequest request) {
        return Problem.of(400, "invalid-request", "Invalid request", violation.getMessage())
                .withErrors(List.of(new Problem.FieldError(violation.field(), violation.getMessage())))
                .at(request.path()).toResponse();
    }

    /** Two changes of one subscription at once: the later one is refused rather than overwriting the first. */
    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException conflict, HttpServerRequest request) {
        return Problem.of(409, "conflict", "Conflict", "the webhook was changed by someone else at the same time; reload and retry")
                .at(request.path()).toResponse();
    }
}
