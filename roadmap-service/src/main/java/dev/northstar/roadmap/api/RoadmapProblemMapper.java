package dev.northstar.roadmap.api;

import dev.northstar.platform.api.Problem;
import dev.northstar.roadmap.domain.RoadmapRuleViolation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/** Roadmap rule violations as problems: a state conflict is 409, a value out of range 400. */
public class RoadmapProblemMapper {

    @ServerExceptionMapper
    public Response violation(RoadmapRuleViolation violation, HttpServerRequest request) {
        Problem problem = switch (violation) {
            case RoadmapRuleViolation.StatusChangeNotAllowed e -> Problem.of(409, "status-change-not-allowed",
                    "Status change not allowed", e.getMessage()).with(Map.of("from", e.from(), "to", e.to(), "allowed", e.allowed()));
            case RoadmapRuleViolation.Closed e -> Problem.of(409, "closed", "Closed", e.getMessage());
            case RoadmapRuleViolation.NorthStarTaken e -> Problem.of(409, "north-star-taken", "North star taken", e.getMessage());
            case RoadmapRuleViolation.MeasuredByAnalytics e -> Problem.of(409, "measured-by-analytics", "Measured by analytics",
                    e.getMessage());
            case RoadmapRuleViolation.InvalidValue e -> Problem.of(400, "invalid-request", "Invalid request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        };
        return problem.at(request.path()).toResponse();
    }
}
