package dev.northstar.platform.api;

import java.util.List;

/** Thrown anywhere outside the domain to answer with a given problem. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " does not exist"));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(400, "invalid-request", "Invalid request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    /** A well-formed request that names something that does not fit (another product's theme, say). */
    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(Problem.of(422, "unprocessable", "Unprocessable request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    /** The request conflicts with what is going on (a rebuild already running, say). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition failed", detail));
    }
}
