package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the front door serves itself: the whole API's OpenAPI document ({@code /openapi.json}, {@code /openapi.yaml}),
 * merged from the documents the services' build wrote ({@code <service>/target/openapi/openapi.json}), Swagger UI
 * on it at {@code /docs} (SmallRye's packaging of Swagger UI, a Maven Central jar: nothing comes from a CDN), and the
 * events' AsyncAPI index with the topics' documents at {@code /asyncapi/} (from the contracts module's sources).
 */
final class ApiDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UI = "META-INF/resources/openapi-ui/";
    private static final String ASYNCAPI = "contracts/src/main/resources/asyncapi";
    private static final Map<String, String> TYPES = Map.of(".js", "text/javascript", ".css", "text/css", ".png", "image/png",
            ".ico", "image/x-icon", ".html", "text/html; charset=utf-8", ".map", "application/json", ".yaml", "application/yaml");
    private static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="UTF-8">
                <title>Northstar API</title>
                <link rel="stylesheet" type="text/css" href="swagger-ui.css">
                <link rel="icon" href="favicon.ico" type="image/x-icon">
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="swagger-ui-bundle.js" charset="UTF-8"></script>
                <script>
                  window.onload = () => {
                    window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true});
                  };
                </script>
              </body>
            </html>
            """;

    /** A body and its content type. */
    record Document(byte[] body, String contentType) {
    }

    private final byte[] json;
    private final byte[] yaml;
    /** Swagger UI's files, read from their jar once (the front door answers on its event loop). */
    private final Map<String, Optional<Document>> assets = new ConcurrentHashMap<>();

    private final Path asyncApi;

    private ApiDocuments(ObjectNode merged, Path asyncApi) throws IOException {
        this.asyncApi = asyncApi;
        this.json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
        this.yaml = new YAMLMapper().writeValueAsBytes(merged);
    }

    /** The merged document of the services' builds under {@code root}; empty when a service's build wrote none. */
    static Optional<ApiDocuments> of(Path root, List<String> services) throws IOException {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : services) {
            Path document = root.resolve(service).resolve("target/openapi/openapi.json");
            if (!Files.isRegularFile(document)) {
                return Optional.empty();
            }
            documents.put(service, JSON.readTree(document.toFile()));
        }
        return Optional.of(new ApiDocuments(OpenApiMerge.merge(documents), root.resolve(ASYNCAPI)));
    }

    /** What the front door answers for a path of its own, if it is one. */
    Optional<Document> serve(String path) {
        return switch (path) {
            case "/openapi.json" -> Optional.of(new Document(json, "application/json"));
            case "/openapi.yaml" -> Optional.of(new Document(yaml, "application/yaml"));
            case "/docs/", "/docs/index.html" -> Optional.of(new Document(INDEX.getBytes(StandardCharsets.UTF_8), TYPES.get(".html")));
            default -> {
                if (path.startsWith("/docs/") && path.indexOf('/', 6) < 0) {
                    yield assets.computeIfAbsent(path, name -> resource(UI + name.substring(6)));
                }
                // the events' AsyncAPI index and the topics' documents it links, as the contracts module keeps them
                if (path.startsWith("/asyncapi/") && path.indexOf('/', 10) < 0 && path.endsWith(".yaml")) {
                    yield assets.computeIfAbsent(path, name -> file(asyncApi.resolve(name.substring(10))));
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<Document> file(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(new Document(Files.readAllBytes(file), TYPES.get(".yaml")))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Document> resource(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot));
        if (type == null || name.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = ApiDocuments.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new Document(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
