package dev.northstar.systemtests;

import dev.northstar.devstack.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's migrations Job (deploy/helm/northstar/templates/migrations.yaml) against a real PostgreSQL: each
 * service's packaged jar, with the environment the Job gives it (Quarkus init tasks, then exit), migrates an empty
 * database and exits 0 without Kafka; a pod's environment (only validate the schema) refuses to start on a database the
 * Job has not migrated.
 */
class MigrationsJobTest {
    private static final Map<String, String> DATABASES = Map.of("roadmap-service", "roadmap", "backlog-service", "backlog",
            "feedback-service", "feedback", "analytics-service", "analytics", "integrations-service", "integrations");

    static LocalPostgres postgres;
    static Path data;
    static Path root;

    @BeforeAll
    static void startPostgres() throws Exception {
        root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-migrations-job-test");
        postgres = LocalPostgres.embedded(data.resolve("postgres"), 27632);
        List<String> databases = new ArrayList<>(DATABASES.values());
        databases.add("unmigrated");
        postgres.ensureDatabases(databases);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void the_job_migrates_every_services_database_and_exits_without_kafka() throws Exception {
        for (var service : DATABASES.entrySet()) {
            Map<String, String> env = common(service.getKey(), service.getValue());
            env.put("QUARKUS_INIT_AND_EXIT", "true");
            env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
            env.put("NORTHSTAR_TOPICS_CREATE", "false");
            Run run = run(service.getKey(), env);
            assertThat(run.exitCode()).as("%s's migrations Job exit code; its log: %s", service.getKey(), run.log()).isZero();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(service.getValue()), postgres.user(),
                    postgres.password());
                 ResultSet rs = connection.createStatement().executeQuery(
                         "SELECT count(*), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).as("%s migrations applied", service.getKey()).isGreaterThanOrEqualTo(1);
                assertThat(rs.getBoolean(2)).as("%s migrations all succeeded", service.getKey()).isTrue();
            }
        }
    }

    @Test
    void a_pod_does_not_start_on_a_database_the_job_has_not_migrated() throws Exception {
        Map<String, String> env = common("feedback-service", "unmigrated");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");
        Run run = run("feedback-service", env);
        assertThat(run.exitCode()).as("exit code of a pod on an unmigrated database").isNotZero();
        assertThat(run.log()).contains("Validate failed");
    }

    private static Map<String, String> common(String service, String database) {
        String prefix = service.substring(0, service.indexOf('-')).toUpperCase();
        Map<String, String> env = new HashMap<>();
        env.put(prefix + "_DB_URL", postgres.jdbcUrl(database));
        env.put(prefix + "_DB_USER", postgres.user());
        env.put(prefix + "_DB_PASSWORD", postgres.password());
        // nothing listens there: the Job must not need Kafka
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:1");
        env.put("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY", "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=");
        env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        env.put("QUARKUS_HTTP_PORT", "18781");
        env.put("QUARKUS_MANAGEMENT_PORT", "19781");
        return env;
    }

    record Run(int exitCode, String log) {
    }

    private static Run run(String service, Map<String, String> env) throws Exception {
        Path log = data.resolve(service + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(service + " did not exit within 120 s; its log: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
