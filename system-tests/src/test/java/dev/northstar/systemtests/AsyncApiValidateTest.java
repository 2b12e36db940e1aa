package dev.northstar.systemtests;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events' AsyncAPI index (contracts/src/main/resources/asyncapi/index.yaml), which the front door serves, and the
 * six topic documents it links pass the AsyncAPI CLI's validation, references followed. Needs npx (Debian's npm,
 * which ./northstar test installs); the CLI comes from the npm registry, at a pinned version (4.x: 5.x and later need
 * Node.js 24, Debian's is 20).
 */
class AsyncApiValidateTest {
    private static final String ASYNCAPI = "@asyncapi/cli@4.1.1";

    @Test
    void the_asyncapi_index_and_every_topic_document_it_links_are_valid() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        Path index = root.resolve("contracts/src/main/resources/asyncapi/index.yaml");
        // the CLI reports each command to its authors' metrics service unless its settings file says not to
        Path settings = Files.createDirectories(Path.of("target")).resolve("asyncapi-analytics.json");
        Files.writeString(settings, "{\"analyticsEnabled\":\"false\",\"infoMessageShown\":\"true\",\"userID\":\"northstar-build\"}");
        ProcessBuilder builder = new ProcessBuilder(List.of("npx", "--yes", ASYNCAPI, "validate", index.toString(),
                "--fail-severity", "warn")).redirectErrorStream(true);
        builder.environment().put("ASYNCAPI_METRICS_CONFIG_PATH", settings.toAbsolutePath().toString());
        Process validate = builder.start();
        byte[] output = validate.getInputStream().readAllBytes();
        assertThat(validate.waitFor(5, TimeUnit.MINUTES)).as("asyncapi validate finished").isTrue();
        String report = new String(output, StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as("asyncapi validate:%n%s", report).isZero();
        assertThat(report).contains("is valid");
    }
}
