package dev.northstar.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docker-compose.yml as docker-compose itself reads it: {@code docker-compose config} validates the file against
 * the Compose schema and resolves the variables, without a Docker engine. Needs Debian's docker-compose
 * (apt-get install docker-compose); the test fails, never skips, when it is missing.
 */
class DockerComposeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVICES = List.of("roadmap", "backlog", "feedback", "analytics", "integrations");

    @TempDir
    static Path temporary;
    private static Path publicKey;
    private static Path masterKey;
    private static Path previousMasterKeys;

    @BeforeAll
    static void makeAPublicKeyAndAMasterKey() throws IOException {
        publicKey = temporary.resolve("jwt-public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        masterKey = temporary.resolve("customer-data-master-key");
        Files.writeString(masterKey, "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=");
        previousMasterKeys = temporary.resolve("customer-data-previous-master-keys");
        Files.writeString(previousMasterKeys, "");
    }

    @Test
    void theWholeSystemIsThere() throws Exception {
        JsonNode config = config(Map.of());
        JsonNode services = config.path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "kafka-init", "postgres",
                "roadmap-service", "backlog-service", "feedback-service", "analytics-service", "integrations-service", "front-door");

        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:4.1.2");
        JsonNode kafkaEnv = kafka.path("environment");
        assertThat(kafkaEnv.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafkaEnv.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("PLAINTEXT://kafka:9092");
        assertThat(kafkaEnv.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka:9093");
        assertThat(kafka.path("healthcheck").path("test").toString()).contains("kafka-broker-api-versions.sh");

        JsonNode init = services.path("kafka-init");
        assertThat(init.path("image").asText()).isEqualTo("apache/kafka:4.1.2");
        assertThat(init.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(init.path("restart").asText()).isEqualTo("no");

        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("image").asText()).isEqualTo("postgres:17");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(postgres.path("volumes").toString()).contains("/docker-entrypoint-initdb.d");
        for (String service : SERVICES) {
            assertThat(postgres.path("environment").path(service.toUpperCase() + "_DB_PASSWORD").asText())
                    .isEqualTo(service);
        }
    }

    @Test
    void everyServiceHasKafkaItsDatabaseAndTheKey() throws Exception {
        JsonNode config = config(Map.of());
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            String prefix = service.toUpperCase();
            JsonNode definition = config.path("services").path(service + "-service");
            assertThat(definition.path("image").asText()).isEqualTo("northstar/" + service + "-service:0.1.0-SNAPSHOT");

            JsonNode env = definition.path("environment");
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(env.path("NORTHSTAR_TOPICS_CREATE").asText()).isEqualTo("false");
            assertThat(env.path(prefix + "_PORT").asText()).isEqualTo("8080");
            assertThat(env.path(prefix + "_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/" + service);
            assertThat(env.path(prefix + "_DB_USER").asText()).isEqualTo(service);
            assertThat(env.path(prefix + "_DB_PASSWORD").asText()).isEqualTo(service);
            assertThat(env.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).isEqualTo("/run/secrets/jwt-public.pem");
            assertThat(env.path("MP_JWT_VERIFY_ISSUER").asText()).isEqualTo("northstar-local");

            JsonNode dependsOn = definition.path("depends_on");
            assertThat(dependsOn.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(dependsOn.path("kafka-init").path("condition").asText()).isEqualTo("service_completed_successfully");

            JsonNode port = definition.path("ports").get(0);
            assertThat(port.path("target").asInt()).isEqualTo(8080);
            assertThat(port.path("published").asInt()).isEqualTo(8081 + i);

            JsonNode secret = definition.path("secrets").get(0);
            assertThat(secret.path("source").asText()).isEqualTo("jwt-public-key");
            assertThat(secret.path("target").asText()).isEqualTo("jwt-public.pem");
            // the services that seal and open customers' data, and only they, get the master key and the previous ones
            boolean sealing = service.equals("feedback") || service.equals("integrations");
            assertThat(definition.path("secrets").size()).as(service).isEqualTo(sealing ? 3 : 1);
            assertThat(env.path("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY_FILE").asText())
                    .isEqualTo(sealing ? "/run/secrets/customer-data-master-key" : "");
            assertThat(env.path("NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS_FILE").asText())
                    .isEqualTo(sealing ? "/run/secrets/customer-data-previous-master-keys" : "");
            if (sealing) {
                assertThat(definition.path("secrets").get(1).path("source").asText()).isEqualTo("customer-data-master-key");
                assertThat(definition.path("secrets").get(2).path("source").asText()).isEqualTo("customer-data-previous-master-keys");
            }
        }
        assertThat(Path.of(config.path("secrets").path("jwt-public-key").path("file").asText())).isEqualTo(publicKey);
        assertThat(Path.of(config.path("secrets").path("customer-data-master-key").path("file").asText())).isEqualTo(masterKey);
        assertThat(Path.of(config.path("secrets").path("customer-data-previous-master-keys").path("file").asText()))
                .isEqualTo(previousMasterKeys);
    }

    @Test
    void onAMachineWhereNothingIsBuiltComposeBuildsEveryServiceImageFromSource() throws Exception {
        JsonNode config = config(Map.of());
        Path dockerfile = Repository.root().resolve("deploy/compose/Dockerfile");
        List<String> lines = Files.readAllLines(dockerfile);
        String buildStage = String.join("\n", lines.subList(0, lines.indexOf(lines.stream()
                .filter(line -> line.startsWith("FROM ") && !line.contains(" AS build")).findFirst().orElseThrow())));
        for (String service : SERVICES) {
            JsonNode build = config.path("services").path(service + "-service").path("build");
            assertThat(Path.of(build.path("context").asText())).isEqualTo(Repository.root());
            assertThat(Repository.root().resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText())
                    .normalize()).isEqualTo(dockerfile);
            assertThat(build.path("args").path("SERVICE").asText()).isEqualTo(service + "-service");
            // one build stage for all five (built once, then cached), which must not depend on the service argument
            assertThat(buildStage).contains(service + "-service").doesNotContain("SERVICE");
        }
        assertThat(lines).contains("ARG SERVICE", "COPY --from=build --chown=185:185 /src/${SERVICE}/target/quarkus-app /deployments",
                "USER 185", "EXPOSE 8080 9000");
        assertThat(Files.readAllLines(Repository.root().resolve(".dockerignore"))).contains("**/target", ".northstar");
    }

    @Test
    void theFrontDoorServesTheWholeApiAtPort8080ByTheRouteTable() throws Exception {
        JsonNode frontDoor = config(Map.of()).path("services").path("front-door");
        assertThat(frontDoor.path("image").asText()).matches("nginx:\\d+\\.\\d+\\.\\d+-alpine");
        assertThat(frontDoor.path("ports").get(0).path("published").asInt()).isEqualTo(8080);
        assertThat(frontDoor.path("ports").get(0).path("target").asInt()).isEqualTo(8080);
        assertThat(frontDoor.path("volumes").get(0).toString())
                .contains(Repository.root().resolve("deploy/compose/nginx/northstar.conf").toString(), "/etc/nginx/conf.d/default.conf");
        for (String service : SERVICES) {
            assertThat(frontDoor.path("depends_on").has(service + "-service")).as(service).isTrue();
        }
        assertThat(config(Map.of("NORTHSTAR_PORT", "9080")).path("services").path("front-door").path("ports").get(0)
                .path("published").asInt()).isEqualTo(9080);

        // one location per route of deploy/routes.json, to the route's service; streams unbuffered
        String nginx = Files.readString(Repository.root().resolve("deploy/compose/nginx/northstar.conf"));
        Map<String, String> locations = new HashMap<>();
        Map<String, String> blocks = new HashMap<>();
        Matcher location = Pattern.compile("location ~ \"\\^(.+?)\\$\" \\{([^}]*)}").matcher(nginx);
        while (location.find()) {
            Matcher pass = Pattern.compile("proxy_pass http://([a-z-]+);").matcher(location.group(2));
            assertThat(pass.find()).as(location.group()).isTrue();
            locations.put(location.group(1), pass.group(1));
            blocks.put(location.group(1), location.group(2));
        }
        Map<String, String> routes = new HashMap<>();
        for (Routes.Route route : Routes.all()) {
            routes.put(route.regex(), route.service());
        }
        assertThat(locations).as("the regex locations of deploy/compose/nginx/northstar.conf against deploy/routes.json")
                .containsExactlyInAnyOrderEntriesOf(routes);
        String stream = "/api/v1/products/p/metrics/stream";
        String streaming = locations.keySet().stream().filter(stream::matches).findFirst().orElseThrow();
        assertThat(blocks.get(streaming)).contains("proxy_buffering off;", "proxy_read_timeout 1h;");
        for (String service : SERVICES) {
            assertThat(nginx).contains("upstream " + service + "-service { server " + service + "-service:8080;");
        }
        // bodies up to the largest service limit (2 MB) reach the service, which answers its own 413 problem
        assertThat(nginx).contains("client_max_body_size 4m;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "default_type application/problem+json;", "return 404 '{\"type\":\"https://northstar.dev/problems/not-found\"");
        // the links share links give out are the front door's
        JsonNode integrations = config(Map.of()).path("services").path("integrations-service").path("environment");
        assertThat(integrations.path("NORTHSTAR_SHARE_LINKS_ROADMAP_URL").asText()).isEqualTo("http://localhost:8080");
        assertThat(integrations.path("NORTHSTAR_SHARE_LINKS_DASHBOARD_URL").asText()).isEqualTo("http://localhost:8080");
    }

    @Test
    void passwordsVersionAndPortsComeFromTheEnvironment() throws Exception {
        JsonNode config = config(Map.of("BACKLOG_DB_PASSWORD", "s3cret", "NORTHSTAR_VERSION", "1.2.3",
                "ROADMAP_PORT", "9081"));
        JsonNode services = config.path("services");
        assertThat(services.path("backlog-service").path("environment").path("BACKLOG_DB_PASSWORD").asText())
                .isEqualTo("s3cret");
        assertThat(services.path("postgres").path("environment").path("BACKLOG_DB_PASSWORD").asText())
                .isEqualTo("s3cret");
        assertThat(services.path("roadmap-service").path("image").asText()).isEqualTo("northstar/roadmap-service:1.2.3");
        assertThat(services.path("roadmap-service").path("ports").get(0).path("published").asInt()).isEqualTo(9081);
    }

    @Test
    void theInitScriptsAreValidShellAndCoverEveryTopicAndDatabase() throws Exception {
        Path postgresInit = Repository.root().resolve("deploy/compose/postgres-init/01-northstar-databases.sh");
        Path topics = Repository.root().resolve("deploy/compose/kafka-init/create-topics.sh");
        for (Path script : List.of(postgresInit, topics)) {
            Result syntax = run(List.of("sh", "-n", script.toString()), Map.of());
            assertThat(syntax.exitCode()).as("sh -n %s: %s", script, syntax.output()).isZero();
        }
        String databases = Files.readString(postgresInit);
        for (String service : SERVICES) {
            assertThat(databases).containsPattern("create " + service + " +\"\\$\\{" + service.toUpperCase() + "_DB_PASSWORD");
        }
        String script = Files.readString(topics);
        assertThat(script).contains("--if-not-exists", "retention.ms=-1", "cleanup.policy=compact",
                "northstar.$domain.events", "northstar.$domain.events.dlt", "northstar.analytics.metrics",
                "northstar.analytics.metrics.dlt", "for domain in roadmap backlog feedback integrations",
                "northstar.feedback.customer-keys", "max.compaction.lag.ms=3600000");
    }

    /** {@code docker-compose -f docker-compose.yml config} with the given variables, parsed. */
    private static JsonNode config(Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(variables);
        env.put("NORTHSTAR_JWT_PUBLIC_KEY", publicKey.toString());
        env.put("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY_FILE", masterKey.toString());
        env.put("NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS_FILE", previousMasterKeys.toString());
        Result result = run(List.of("docker-compose", "-f", Repository.composeFile().toString(), "config"), env);
        assertThat(result.exitCode()).as("docker-compose config: %s", result.output()).isZero();
        return YAML.readTree(result.output());
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command with a clean environment (PATH, HOME, LANG and the given variables). */
    private static Result run(List<String> command, Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.root().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"));
        env.putAll(variables);
        Path stderr = Files.createTempFile(temporary, "stderr", ".txt");
        builder.redirectError(stderr.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("cannot run " + command.getFirst() + " (docker-compose is Debian's package docker-compose: "
                    + "apt-get install docker-compose): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail(command + " did not finish in 60 s");
        }
        String errors = Files.readString(stderr);
        return new Result(process.exitValue(), process.exitValue() == 0 ? output : output + errors);
    }
}
