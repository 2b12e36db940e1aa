package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a running service's OpenAPI document ({@code /q/openapi}) the way a client generator would read it. */
public final class OpenApiDocument {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * Every {@code /api} operation: a unique {@code operationId}, the bearer security requirement, 401 and 403 answers
     * (409 for a write, 422 with an {@code Idempotency-Key}), every 4xx answer with the problem schema, and bounds on
     * every field of its request body; the document names a server and defines the bearer scheme.
     */
    public static void assertEveryApiOperationIsDocumented() throws Exception {
        JsonNode document = fetch();
        assertThat(document.path("servers").size()).as("servers").isPositive();
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .as("bearer security scheme").isEqualTo("bearer");
        Set<String> operationIds = new HashSet<>();
        Set<String> unbounded = new TreeSet<>();
        int operations = 0;
        for (ApiOperation api : apiOperations(document)) {
            operations++;
            String name = api.name();
            JsonNode operation = api.node();
            String operationId = operation.path("operationId").asText("");
            assertThat(operationId).as("operationId of %s", name).isNotBlank();
            assertThat(operationIds.add(operationId)).as("operationId %s of %s is unique", operationId, name).isTrue();
            // a share link's resource (/api/v1/shared/{token}/...) takes the link's token, not a bearer token
            boolean shared = api.path().startsWith("/api/v1/shared/");
            assertThat(operation.path("security").toString()).as("security of %s", name)
                    .matches(security -> shared ? security.isEmpty() || security.equals("[]") : security.contains("\"bearer\""));
            JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
            if (!body.isMissingNode()) {
                unbounded.addAll(unboundedInputs(document, body, name, new HashSet<>()));
                String ref = body.path("$ref").asText("");
                JsonNode bodySchema = ref.isEmpty() ? body
                        : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
                assertThat(bodySchema.has("example") || bodySchema.has("examples"))
                        .as("request example of %s", name).isTrue();
            }
            List<String> problems = new ArrayList<>(shared ? List.of("404") : List.of("401", "403"));
            if (!api.method().equals("get")) {
                problems.add("409");
            }
            if (operation.path("parameters").toString().contains("\"Idempotency-Key\"")) {
                problems.add("422");
            }
            for (Iterator<String> statuses = operation.path("responses").fieldNames(); statuses.hasNext(); ) {
                String status = statuses.next();
                if (status.startsWith("4")) {
                    problems.add(status);
                }
                // what a success answers is typed, so that a generated client gets a model, not an Object
                if (status.startsWith("2") && !status.equals("204")) {
                    assertThat(operation.path("responses").path(status).path("content").toString())
                            .as("schema of the %s answer of %s", status, name).contains("\"schema\"");
                }
            }
            for (String status : problems) {
                assertThat(operation.path("responses").path(status).path("content").path("application/problem+json")
                        .path("schema").path("$ref").asText()).as("%s problem of %s", status, name)
                        .isEqualTo("#/components/schemas/Problem");
            }
        }
        assertThat(operations).as("/api operations").isPositive();
        assertThat(unbounded).as("request fields without declared bounds").isEmpty();
    }

    /**
     * The fields of a request body a client cannot know the limits of: numbers without {@code minimum} and
     * {@code maximum}, free text without {@code maxLength}, lists without {@code maxItems}.
     */
    private static List<String> unboundedInputs(JsonNode document, JsonNode schema, String where, Set<String> seen) {
        List<String> found = new ArrayList<>();
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (seen.add(name)) {
                found.addAll(unboundedInputs(document, document.path("components").path("schemas").path(name), name, seen));
            }
            return found;
        }
        for (JsonNode part : schema.path("allOf")) {
            found.addAll(unboundedInputs(document, part, where, seen));
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "integer", "number" -> {
                if (!schema.has("maximum") || !(schema.has("minimum") || schema.has("exclusiveMinimum"))) {
                    found.add(where + ": " + type + " without minimum and maximum");
                }
            }
            case "string" -> {
                if (!schema.has("maxLength") && !schema.has("enum") && !schema.has("format") && !schema.has("pattern")) {
                    found.add(where + ": string without maxLength");
                }
            }
            case "array" -> {
                if (!schema.has("maxItems")) {
                    found.add(where + ": array without maxItems");
                }
                found.addAll(unboundedInputs(document, schema.path("items"), where + "[]", seen));
            }
            default -> {
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            found.addAll(unboundedInputs(document, property.getValue(), where + "." + property.getKey(), seen));
        }
        return found;
    }

    /** One operation of a document: its path, its method (lower case) and what the document says of it. */
    public record ApiOperation(String path, String method, JsonNode node) {
        public String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** The running service's document. */
    public static JsonNode fetch() throws Exception {
        return new ObjectMapper().readTree(RestAssured.given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    /** Every operation under {@code /api/}. */
    public static List<ApiOperation> apiOperations(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    operations.add(new ApiOperation(path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    /** The schema a {@code $ref} names, or the schema itself. */
    public static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private OpenApiDocument() {
    }
}
