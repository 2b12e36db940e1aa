package dev.northstar.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} points into the API documentation; {@code errors} names the
 * offending fields of a request; {@code extensions} carry problem-specific members (allowed transitions...).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance,
                      List<FieldError> errors, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://northstar.dev/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, List.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem with(Map<String, Object> members) {
        return new Problem(type, title, status, detail, instance, errors, members);
    }

    public Problem at(String requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, extensions);
    }

    @com.fasterxml.jackson.annotation.JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
