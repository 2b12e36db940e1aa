package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The breaking changes between the last released OpenAPI document of the whole API and the current one: an operation
 * that is gone, a field gone from a successful response, a request field that is newly required. Each is one line
 * ({@code removed-operation GET /api/v1/...}, {@code removed-response-field GET /api/v1/... items[].title},
 * {@code new-required-request-field POST /api/v1/... jobSize}), the form in which a change is recorded as intended.
 */
public final class ApiCompatibility {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final int DEPTH = 8;

    private ApiCompatibility() {
    }

    public static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> changes = new ArrayList<>();
        released.path("paths").properties().forEach(entry -> {
            for (String method : METHODS) {
                JsonNode before = entry.getValue().path(method);
                if (before.isMissingNode()) {
                    continue;
                }
                String operation = method.toUpperCase() + " " + entry.getKey();
                JsonNode after = current.path("paths").path(entry.getKey()).path(method);
                if (after.isMissingNode()) {
                    changes.add("removed-operation " + operation);
                    continue;
                }
                Set<String> fieldsAfter = responseFields(current, after);
                for (String field : responseFields(released, before)) {
                    if (!fieldsAfter.contains(field)) {
                        changes.add("removed-response-field " + operation + " " + field);
                    }
                }
                Set<String> requiredBefore = requiredRequestFields(released, before);
                for (String field : requiredRequestFields(current, after)) {
                    if (!requiredBefore.contains(field)) {
                        changes.add("new-required-request-field " + operation + " " + field);
                    }
                }
            }
        });
        return changes;
    }

    /** The fields of every 2xx JSON response, as paths ({@code items[].title}). */
    private static Set<String> responseFields(JsonNode document, JsonNode operation) {
        Set<String> fields = new TreeSet<>();
        operation.path("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").forEach(media ->
                        collect(document, media.path("schema"), "", fields, false, new HashSet<>(), 0));
            }
        });
        return fields;
    }

    /** The required fields of the JSON request body, as paths, and the body itself ({@code (body)}) when it is required. */
    private static Set<String> requiredRequestFields(JsonNode document, JsonNode operation) {
        Set<String> fields = new TreeSet<>();
        JsonNode body = operation.path("requestBody");
        if (body.path("required").asBoolean(false)) {
            fields.add("(body)");
        }
        body.path("content").forEach(media -> collect(document, media.path("schema"), "", fields, true, new HashSet<>(), 0));
        return fields;
    }

    private static void collect(JsonNode document, JsonNode schema, String prefix, Set<String> fields, boolean requiredOnly,
                                Set<String> visiting, int depth) {
        if (depth > DEPTH || schema.isMissingNode()) {
            return;
        }
        String ref = schema.path("$ref").asText(null);
        if (ref != null) {
            if (visiting.add(ref)) {
                collect(document, document.at(ref.substring(1)), prefix, fields, requiredOnly, visiting, depth + 1);
                visiting.remove(ref);
            }
            return;
        }
        for (String combined : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combined).forEach(part -> collect(document, part, prefix, fields, requiredOnly, visiting, depth + 1));
        }
        collect(document, schema.path("items"), prefix + "[]", fields, requiredOnly, visiting, depth + 1);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        schema.path("properties").properties().forEach(property -> {
            String field = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            if (!requiredOnly || required.contains(property.getKey())) {
                fields.add(field);
                collect(document, property.getValue(), field, fields, requiredOnly, visiting, depth + 1);
            }
        });
    }
}
