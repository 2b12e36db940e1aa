package dev.northstar.platform.messaging;

import dev.northstar.platform.eventstore.ConcurrencyConflict;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a transient failure (worth retrying the same record until it succeeds) from a permanent one (the record
 * can never succeed as it is, so it is dead-lettered at once), by where the failure happened and by who is at fault.
 * <p>
 * Transient: anything raised while obtaining a connection (whatever the server answered: a database that refuses
 * connections during maintenance, a password rotated under the pool, too many clients), and whatever the server
 * refuses to do for reasons of its own: connection loss, an operator's intervention or a statement timeout, missing
 * resources, a read-only server after a failover, a serialization failure or deadlock, a lock or version conflict,
 * a broker away. Permanent: the record itself is at fault: an unreadable payload, a contract violation, an event the
 * domain rejects, a value the database refuses (SQL class 22 data exceptions such as a numeric overflow or a NUL
 * character, class 23 integrity violations other than a unique-key race), and a bug in a handler (fixed, then
 * re-driven).
 */
public final class Failures {
    /** SQLSTATE classes of failures that go away by themselves. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of(
            "08", // connection exception
            "28", // invalid authorization: a password rotated before the pool has the new one
            "40", // transaction rollback: serialization failure, deadlock
            "53", // insufficient resources: too many connections, out of memory or disk
            "57", // operator intervention: admin shutdown, crash shutdown, cannot connect now, statement timeout
            "58"); // system error (I/O)
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "55000", // object not in prerequisite state: the database does not accept connections now
            "55006", // object in use
            "55P03", // lock not available (lock timeout)
            "25006", // read-only SQL transaction: a standby, or the server after a failover
            "25P03", // idle in transaction session timeout
            "23505"); // unique violation: another transaction inserted the same key first; the retry sees it

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (isTransientSql(sql) || raisedWhileConnecting(sql))) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof IOException || t instanceof TimeoutException
                    || t instanceof RetriableException || t instanceof ConcurrencyConflict || t instanceof TransientFailure) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientSql(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // the pool's own failures (no connection within the acquisition timeout, pool closed) carry no SQLSTATE
            return true;
        }
        return TRANSIENT_SQL_STATES.contains(state) || state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
    }

    /**
     * Whether the failure came from opening or handing out a connection (the pool, or the driver connecting): no
     * record is at fault before it has a connection, whatever code the server gave.
     */
    private static boolean raisedWhileConnecting(SQLException sql) {
        for (StackTraceElement frame : sql.getStackTrace()) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            if (type.equals("io.agroal.pool.ConnectionFactory")
                    || type.equals("io.agroal.pool.ConnectionPool") && method.equals("getConnection")
                    || type.equals("org.postgresql.Driver") && method.equals("connect")) {
                return true;
            }
        }
        return false;
    }

    /** One line for logs, health and dead-letter headers: the innermost message that says something. */
    public static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private Failures() {
    }
}
