package dev.northstar.backlog.api;

import dev.northstar.backlog.domain.BacklogRuleViolation;
import dev.northstar.platform.api.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/** Backlog rule violations as problems: a state conflict is 409, a value out of range 400. */
public class BacklogProblemMapper {

    @ServerExceptionMapper
    public Response violation(BacklogRuleViolation violation, HttpServerRequest request) {
        Problem problem = switch (violation) {
            case BacklogRuleViolation.TransitionNotAllowed e -> Problem.of(409, "transition-not-allowed",
                    "Transition not allowed", e.getMessage()).with(Map.of("from", e.from(), "to", e.to(), "allowed", e.allowed()));
            case BacklogRuleViolation.NotReady e -> Problem.of(409, "definition-of-ready-not-met",
                    "Definition of ready not met", e.getMessage()).with(Map.of("missing", e.missing()));
            case BacklogRuleViolation.ItemClosed e -> Problem.of(409, "item-closed", "Item closed", e.getMessage());
            case BacklogRuleViolation.ItemIsDiscarded e -> Problem.of(409, "item-discarded", "Item discarded", e.getMessage());
            case BacklogRuleViolation.ItemNotDiscarded e -> Problem.of(409, "item-not-discarded", "Item not discarded",
                    e.getMessage()).with(Map.of("status", e.status()));
            case BacklogRuleViolation.CriterionNotFound e -> Problem.of(404, "not-found", "Not found", e.getMessage());
            case BacklogRuleViolation.InvalidValue e -> Problem.of(400, "invalid-request", "Invalid request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
            case BacklogRuleViolation.NeedsProductOwner e -> Problem.of(403, "forbidden", "Forbidden", e.getMessage());
            case BacklogRuleViolation.SelfAcceptance e -> Problem.of(403, "self-acceptance", "Self-acceptance not allowed",
                    e.getMessage());
            case BacklogRuleViolation.CriteriaNotJudged e -> Problem.of(422, "criteria-not-judged", "Criteria not judged",
                    e.getMessage()).with(Map.of("criteria", e.criteria()));
            case BacklogRuleViolation.CriteriaNotMet e -> Problem.of(409, "criteria-not-met", "Criteria not met",
                    e.getMessage()).with(Map.of("criteria", e.criteria()));
            case BacklogRuleViolation.EpicStructure e -> Problem.of(409, "epic-structure", "Epic structure", e.getMessage());
            case BacklogRuleViolation.DependencyCycle e -> Problem.of(409, "dependency-cycle", "Dependency cycle", e.getMessage());
            case BacklogRuleViolation.NotRanked e -> Problem.of(422, "not-ranked", "Item not ranked", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
            case BacklogRuleViolation.NoRoomForPin e -> Problem.of(409, "no-room-for-pin", "No room for the pin", e.getMessage());
            case BacklogRuleViolation.RejectionNeedsReason e -> Problem.of(400, "invalid-request", "Invalid request",
                    e.getMessage()).withErrors(List.of(new Problem.FieldError("reason", "is required to reject")));
        };
        return problem.at(request.path()).toResponse();
    }
}
