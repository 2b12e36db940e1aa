package dev.northstar.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.devstack.ApiCompatibility;
import dev.northstar.devstack.Devstack;
import dev.northstar.devstack.OpenApiMerge;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole API's document (the five services' documents merged, as the front door serves it) breaks nothing the last
 * released one promised: no operation gone, no field gone from a successful response, no request field newly
 * required, unless contracts/openapi/intended-breaking-changes.txt records the change as intended. A release records
 * its document with {@code -Dnorthstar.api-baseline.record=true} (contracts/openapi/released.json).
 */
class ApiCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
    private static final Path RELEASED = ROOT.resolve("contracts/openapi/released.json");
    private static final Path INTENDED = ROOT.resolve("contracts/openapi/intended-breaking-changes.txt");

    @Test
    void the_api_breaks_nothing_the_last_release_promised_unless_recorded_as_intended() throws Exception {
        ObjectNode current = merged();
        if (Boolean.getBoolean("northstar.api-baseline.record")) {
            Files.writeString(RELEASED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
        }
        List<String> intended = Files.readAllLines(INTENDED).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        List<String> breaking = ApiCompatibility.breakingChanges(JSON.readTree(RELEASED.toFile()), current);

        assertThat(breaking).as("breaking changes since %s; record each intended one in %s", RELEASED, INTENDED)
                .isSubsetOf(intended);
    }

    @Test
    void a_removed_operation_a_removed_response_field_and_a_new_required_field_are_each_caught() throws Exception {
        JsonNode released = JSON.readTree(RELEASED.toFile());
        ObjectNode changed = released.deepCopy();
        ObjectNode paths = (ObjectNode) changed.path("paths");
        paths.remove("/api/v1/products/{productId}/roadmap");
        ((ObjectNode) changed.at("/components/schemas/ProductView/properties")).remove("vision");
        ((ArrayNode) changed.at("/components/schemas/AddThemeRequest/required")).add("description");

        assertThat(ApiCompatibility.breakingChanges(released, changed)).contains(
                "removed-operation GET /api/v1/products/{productId}/roadmap",
                "removed-response-field GET /api/v1/products/{productId} vision",
                "new-required-request-field POST /api/v1/products/{productId}/themes description");
    }

    private static ObjectNode merged() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Devstack.Service service : Devstack.SERVICES) {
            Path document = ROOT.resolve(service.name()).resolve("target/openapi/openapi.json");
            assertThat(document).as("%s's OpenAPI document (written by its build)", service.name()).isRegularFile();
            documents.put(service.name(), JSON.readTree(document.toFile()));
        }
        return OpenApiMerge.merge(documents);
    }
}
