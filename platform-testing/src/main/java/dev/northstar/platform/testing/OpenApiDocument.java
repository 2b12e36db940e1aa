package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a running service's OpenAPI document ({@code /q/openapi}) the way a client generator would read it. */
public final class OpenApiDocument {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * Every {@code /api} operation: a unique {@code operationId}, the bearer security requirement, and 401 and 403
     * answers with the problem schema; the document names a server and defines the bearer scheme.
     */
    public static void assertEveryApiOperationIsDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(RestAssured.given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        assertThat(document.path("servers").size()).as("servers").isPositive();
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .as("bearer security scheme").isEqualTo("bearer");
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                String operationId = operation.path("operationId").asText("");
                assertThat(operationId).as("operationId of %s", name).isNotBlank();
                assertThat(operationIds.add(operationId)).as("operationId %s of %s is unique", operationId, name).isTrue();
                assertThat(operation.path("security").toString()).as("security of %s", name).contains("\"bearer\"");
                for (String status : List.of("401", "403")) {
                    assertThat(operation.path("responses").path(status).path("content").path("application/problem+json")
                            .path("schema").path("$ref").asText()).as("%s problem of %s", status, name)
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        assertThat(operations).as("/api operations").isPositive();
    }

    private OpenApiDocument() {
    }
}
