package dev.northstar.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.devstack.Devstack;
import dev.northstar.devstack.RouteTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door's route table ({@code deploy/routes.json}, which the local run's proxy, compose's NGINX and the
 * chart's Ingress and HTTPRoute follow) is the one the services' OpenAPI documents (and the pages they serve) give: a documented path without a
 * route, or one that two services claim, fails here. After a change to the services' paths, record the table anew
 * with {@code -Dnorthstar.routes.record=true} and commit it.
 */
class RouteTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_checked_in_route_table_is_the_one_the_services_documents_give() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (Devstack.Service service : Devstack.SERVICES) {
            Path document = root.resolve(service.name()).resolve("target/openapi/openapi.json");
            assertThat(document).as("%s's OpenAPI document (written by its build)", service.name()).isRegularFile();
            List<String> routed = routedPaths(JSON.readTree(document.toFile()));
            routed.addAll(pages(root.resolve(service.name()).resolve("src/main/resources/META-INF/resources")));
            paths.put(service.name(), routed);
        }
        RouteTable derived = RouteTable.derive(paths);
        Path file = root.resolve(RouteTable.FILE);
        if (Boolean.getBoolean("northstar.routes.record")) {
            derived.write(file);
            // the chart reads its own copy (Helm reads no file outside the chart); FrontDoorChartTest holds it to this one
            derived.write(root.resolve("deploy/helm/northstar/files/routes.json"));
        }
        assertThat(RouteTable.read(file).routes()).as("%s (record it anew with -Dnorthstar.routes.record=true)", RouteTable.FILE)
                .containsExactlyElementsOf(derived.routes());
        // and every documented path reaches its own service through it
        paths.forEach((service, templates) -> templates.forEach(template -> {
            String example = template.replaceAll("\\{[^}/]+}", "x1");
            assertThat(derived.route(example)).as(template).hasValueSatisfying(route -> assertThat(route.service()).isEqualTo(service));
        }));
    }

    /** The static pages a service serves itself (analytics' dashboard), which no OpenAPI document lists. */
    private static List<String> pages(Path resources) throws IOException {
        if (!Files.isDirectory(resources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(resources)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> "/" + resources.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The paths a document lists with at least one operation that is not deprecated (deprecated ones stay off the door). */
    private static List<String> routedPaths(JsonNode document) {
        List<String> routed = new ArrayList<>();
        document.path("paths").properties().forEach(entry -> {
            boolean current = false;
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                JsonNode operation = entry.getValue().path(method);
                current |= operation.isObject() && !operation.path("deprecated").asBoolean(false);
            }
            if (current) {
                routed.add(entry.getKey());
            }
        });
        return routed;
    }
}
