package dev.northstar.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.devstack.OpenApiMerge;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document each service's build writes (target/openapi/openapi.json) passes Redocly CLI's lint with the
 * strict recommended rules (redocly.yaml at the root), as API portals and client generators expect, and so does the
 * whole API's document that the front door serves, merged from them (OpenApiMerge). Needs npx
 * (Debian's npm, which ./northstar test installs); Redocly's CLI comes from the npm registry, at a pinned version.
 */
class OpenApiLintTest {
    private static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_services_openapi_document_passes_redoclys_strict_recommended_rules() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("npx", "--yes", REDOCLY, "lint", "--config",
                root.resolve("redocly.yaml").toString()));
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : List.of("roadmap-service", "backlog-service", "feedback-service", "analytics-service", "integrations-service")) {
            Path document = root.resolve(service).resolve("target/openapi/openapi.json");
            assertThat(document).as("%s's OpenAPI document (written by its build)", service).isRegularFile();
            command.add(document.toString());
            documents.put(service, JSON.readTree(document.toFile()));
        }
        // the whole API's document, as the front door serves it
        Path merged = Files.createDirectories(Path.of("target/openapi")).resolve("northstar.json");
        Files.writeString(merged, JSON.writeValueAsString(OpenApiMerge.merge(documents)));
        command.add(merged.toString());
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = lint.getInputStream().readAllBytes();
        assertThat(lint.waitFor(3, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();
        String report = new String(output, StandardCharsets.UTF_8);
        assertThat(lint.exitValue()).as("redocly lint:%n%s", report).isZero();
        assertThat(report).contains("Your API descriptions are valid").doesNotContainPattern("You have \\d+ warning");
    }
}
