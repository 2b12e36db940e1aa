package dev.northstar.platform.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.northstar.platform.eventstore.ConcurrencyConflict;
import dev.northstar.platform.eventstore.EventTooLarge;
import dev.northstar.platform.sharing.ShareLinks;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns every failure of a request into an RFC 9457 problem; nothing reaches a client as an HTML page or a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return e.problem().at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message()).collect(Collectors.joining("; "));
        return Problem.of(400, "invalid-request", "Invalid request", detail).withErrors(errors).at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflict e, HttpServerRequest request) {
        return Problem.of(409, "concurrent-modification", "Concurrent modification", e.getMessage())
                .at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, HttpServerRequest request) {
        return Problem.of(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON: " + e.getOriginalMessage())
                .at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongJson(JsonMappingException e, HttpServerRequest request) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message;
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        } else if (e instanceof InvalidFormatException invalid) {
            message = "cannot read " + invalid.getValue() + " as " + invalid.getTargetType().getSimpleName();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else {
            message = e.getOriginalMessage();
        }
        String name = field.isEmpty() ? "body" : field;
        return Problem.of(400, "invalid-request", "Invalid request", name + ": " + message)
                .withErrors(List.of(new Problem.FieldError(name, message))).at(request.path()).toResponse();
    }

    /** Declared for the most specific type so that it wins over Quarkus' built-in mapper of the same exceptions. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return wrongJson(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonParseException parse) {
            return unreadableJson(parse, request);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongJson(mapping, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return Problem.of(status, slug(title), title, e.getMessage()).at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response tooLarge(EventTooLarge e, HttpServerRequest request) {
        return Problem.of(422, "event-too-large", "Event too large", e.getMessage())
                .at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response busy(ShareLinks.Busy e, HttpServerRequest request) {
        return Response.fromResponse(Problem.of(503, "busy", "Busy", e.getMessage() + "; try again in a second")
                .at(request.path()).toResponse()).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure of %s %s", request.method(), request.path());
        return Problem.of(500, "internal-error", "Internal error",
                        "the request failed unexpectedly; nothing was written. The server log has the details.")
                .at(request.path()).toResponse();
    }

    private static String slug(String title) {
        return title.toLowerCase().replace(' ', '-');
    }

    /** The request field a violation is about: the property path without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> names.add(node.getName());
                default -> {
                    if (node.getIndex() != null && !names.isEmpty()) {
                        names.set(names.size() - 1, names.getLast() + "[" + node.getIndex() + "]");
                    }
                    if (node.getName() != null) {
                        names.add(node.getName());
                    }
                }
            }
        }
        // A body parameter's own name says nothing to a client; drop it when a property follows.
        if (names.size() > 1) {
            names.removeFirst();
        }
        return String.join(".", names);
    }

}
