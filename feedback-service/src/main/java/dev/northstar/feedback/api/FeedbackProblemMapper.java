package dev.northstar.feedback.api;

import dev.northstar.feedback.domain.FeedbackRuleViolation;
import dev.northstar.platform.api.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

public class FeedbackProblemMapper {

    @ServerExceptionMapper
    public Response violation(FeedbackRuleViolation violation, HttpServerRequest request) {
        Problem problem = switch (violation) {
            case FeedbackRuleViolation.InvalidValue e -> Problem.of(400, "invalid-request", "Invalid request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
            case FeedbackRuleViolation.UnknownCompetitor e -> Problem.of(422, "unprocessable", "Unprocessable request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("competitor", e.getMessage())));
            case FeedbackRuleViolation.AlreadyVoted e -> Problem.of(409, "already-voted", "Already voted", e.getMessage());
        };
        return problem.at(request.path()).toResponse();
    }
}
