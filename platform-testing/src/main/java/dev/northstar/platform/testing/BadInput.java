package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends each kind of bad input to every write operation the running service documents ({@code /q/openapi}): a body
 * in a media type it does not take, malformed JSON, a NUL character in every text field, and every number one past
 * its declared bound. Each must be refused with a 4xx problem ({@code 415}, {@code 400}) before anything is written,
 * never a 5xx. The caller holds every role for every product, so authorization passes; path parameters are random
 * ids, because a body is read and validated before the resource it addresses is looked up.
 */
public final class BadInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("post", "put", "patch");

    public static void assertEveryWriteOperationRefusesIt() throws Exception {
        JsonNode document = OpenApiDocument.fetch();
        String token = TestTokens.everything("bad-input@example.com");
        List<String> accepted = new ArrayList<>();
        int operations = 0;
        for (OpenApiDocument.ApiOperation api : OpenApiDocument.apiOperations(document)) {
            JsonNode schema = api.node().path("requestBody").path("content").path("application/json").path("schema");
            if (!WRITES.contains(api.method()) || schema.isMissingNode()) {
                continue;
            }
            operations++;
            String name = api.name();
            String target = api.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            expect(accepted, name + " with text/plain", 415, send(token, api.method(), target, "text/plain", "hello"));
            expect(accepted, name + " with malformed JSON", 400, send(token, api.method(), target, "application/json", "{\"x\": "));
            JsonNode withNul = fill(document, schema, Kind.NUL);
            if (withNul != null) {
                expect(accepted, name + " with NUL in its text", 400,
                        send(token, api.method(), target, "application/json", JSON.writeValueAsString(withNul)));
            }
            JsonNode outOfBounds = fill(document, schema, Kind.PAST_BOUNDS);
            if (outOfBounds != null) {
                expect(accepted, name + " with numbers past their bounds", 400,
                        send(token, api.method(), target, "application/json", JSON.writeValueAsString(outOfBounds)));
            }
        }
        assertThat(operations).as("write operations with a JSON body").isPositive();
        assertThat(accepted).as("bad input that was not refused with the expected problem").isEmpty();
    }

    private enum Kind { NUL, PAST_BOUNDS }

    private static Response send(String token, String method, String target, String contentType, String body) {
        return given().auth().oauth2(token).contentType(contentType).body(body).request(method, target);
    }

    private static void expect(List<String> accepted, String what, int status, Response response) {
        String contentType = String.valueOf(response.getContentType());
        if (response.statusCode() != status || !contentType.startsWith("application/problem+json")) {
            accepted.add(what + ": " + response.statusCode() + " " + contentType + " " + response.asString());
        }
    }

    /**
     * A body of the schema whose text fields hold a NUL (or whose numbers are one past their maximum), every other
     * field left out; null when the schema has no field of that kind.
     */
    private static JsonNode fill(JsonNode document, JsonNode schema, Kind kind) {
        if (schema.has("$ref")) {
            return fill(document, OpenApiDocument.resolve(document, schema), kind);
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode filled = fill(document, part, kind);
            if (filled != null) {
                return filled;
            }
        }
        switch (schema.path("type").asText("")) {
            case "string" -> {
                boolean freeText = !schema.has("enum") && !schema.has("format");
                return kind == Kind.NUL && freeText ? JSON.getNodeFactory().textNode("a\u0000b") : null;
            }
            case "integer", "number" -> {
                if (kind != Kind.PAST_BOUNDS || !schema.has("maximum")) {
                    return null;
                }
                return JSON.getNodeFactory().numberNode(new BigDecimal(schema.path("maximum").asText()).add(BigDecimal.ONE));
            }
            case "array" -> {
                JsonNode element = fill(document, schema.path("items"), kind);
                if (element == null) {
                    return null;
                }
                ArrayNode array = JSON.createArrayNode();
                array.add(element);
                return array;
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    JsonNode value = fill(document, property.getValue(), kind);
                    if (value != null) {
                        object.set(property.getKey(), value);
                    }
                }
                return object.isEmpty() ? null : object;
            }
        }
    }

    private BadInput() {
    }
}
