package dev.northstar.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ways a PostgreSQL server refuses an application's work for a while, without the application's records being at
 * fault, made on the server of {@link PostgresDatabase}: each begins when made and ends when closed. Every fault also
 * ends the application's open sessions, so the pool has to connect again while it lasts.
 */
public enum DatabaseFaults {
    /** The database refuses connections, as during maintenance ({@code ALLOW_CONNECTIONS false}: SQLSTATE 55000). */
    DENY_CONNECTIONS("not currently accepting connections"),
    /** A restart: the server ends every session (57P01), then refuses connections until it is back. */
    RESTART_SERVER("refused"),
    /** Every connection slot is taken by others (53300). */
    EXHAUST_CONNECTIONS("too many clients|connection slots are reserved"),
    /** The application's password is rotated before the application has the new one (28P01). */
    ROTATE_PASSWORD("password authentication failed"),
    /** The server turned read-only, as a former primary after a failover (25006). */
    READ_ONLY("read-only transaction"),
    /** Statements time out (57014): a lock held on the application's table outlasts a statement timeout. */
    STATEMENT_TIMEOUT("statement timeout");

    private final Pattern symptom;

    DatabaseFaults(String symptom) {
        this.symptom = Pattern.compile(symptom);
    }

    /** Whether a failure's message (as a consumer's readiness reports it) is this fault's. */
    public boolean showsIn(String failure) {
        return failure != null && symptom.matcher(failure).find();
    }

    /** Begins the fault; closing what it answers ends it. {@code table} is the one a statement timeout waits on. */
    public AutoCloseable begin(String table) throws SQLException {
        Connection admin = adminConnection("template1");
        Statement statement = admin.createStatement();
        List<Connection> taken = new ArrayList<>();
        switch (this) {
            case DENY_CONNECTIONS -> statement.execute("ALTER DATABASE postgres WITH ALLOW_CONNECTIONS false");
            case RESTART_SERVER -> NetworkLink.cut(PostgresDatabase.DATABASE_LINK);
            case EXHAUST_CONNECTIONS -> takeEverySlot(taken);
            case ROTATE_PASSWORD -> statement.execute("ALTER ROLE " + PostgresDatabase.APPLICATION_ROLE
                    + " PASSWORD 'rotated-" + System.nanoTime() + "'");
            case READ_ONLY -> {
                statement.execute("ALTER SYSTEM SET default_transaction_read_only = on");
                statement.execute("SELECT pg_reload_conf()");
            }
            case STATEMENT_TIMEOUT -> {
                statement.execute("ALTER SYSTEM SET statement_timeout = '200ms'");
                statement.execute("SELECT pg_reload_conf()");
            }
        }
        endApplicationSessions(statement);
        // the slots the application's sessions had, as their backends go (the application races for them)
        for (int round = 0; this == EXHAUST_CONNECTIONS && round < 1000; round++) {
            takeEverySlot(taken);
            if (applicationSessions(statement) == 0) {
                break;
            }
            endApplicationSessions(statement);
        }
        Connection locker = null;
        if (this == STATEMENT_TIMEOUT) {
            locker = adminConnection("postgres");
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("SET statement_timeout = 0");
                lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
        }
        Connection lockHolder = locker;
        return () -> {
            switch (this) {
                case DENY_CONNECTIONS -> statement.execute("ALTER DATABASE postgres WITH ALLOW_CONNECTIONS true");
                case RESTART_SERVER -> NetworkLink.restore(PostgresDatabase.DATABASE_LINK);
                case EXHAUST_CONNECTIONS -> {
                    for (Connection connection : taken) {
                        connection.close();
                    }
                }
                case ROTATE_PASSWORD -> statement.execute("ALTER ROLE " + PostgresDatabase.APPLICATION_ROLE
                        + " PASSWORD '" + PostgresDatabase.APPLICATION_PASSWORD + "'");
                case READ_ONLY -> {
                    statement.execute("ALTER SYSTEM RESET default_transaction_read_only");
                    statement.execute("SELECT pg_reload_conf()");
                }
                case STATEMENT_TIMEOUT -> {
                    statement.execute("ALTER SYSTEM RESET statement_timeout");
                    statement.execute("SELECT pg_reload_conf()");
                    lockHolder.rollback();
                    lockHolder.close();
                }
            }
            admin.close();
        };
    }

    /** The superuser's session on another database of the server (so it works while the application's refuses). */
    private static Connection adminConnection(String database) throws SQLException {
        Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY)
                .replace("/postgres?", "/" + database + "?"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
        }
        return connection;
    }

    private static void endApplicationSessions(Statement statement) throws SQLException {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + PostgresDatabase.APPLICATION_ROLE + "'");
    }

    private static long applicationSessions(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                + PostgresDatabase.APPLICATION_ROLE + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Opens sessions until the server has no slot left (superusers may take the reserved ones too). */
    private static void takeEverySlot(List<Connection> taken) {
        while (true) {
            try {
                taken.add(DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY)
                        .replace("/postgres?", "/template1?")));
            } catch (SQLException full) {
                return;
            }
        }
    }
}
