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
 * can never succeed as it is, so it is dead-lettered at once). Transient: the database or broker unavailable, a
 * connection, socket or I/O error, a timeout, a serialization failure, a deadlock, a lock or version conflict.
 * Everything else is permanent: an unreadable payload, a contract violation, an event the domain rejects, a value
 * the database refuses (SQL class 22 data exceptions such as a numeric overflow or a NUL character, class 23
 * integrity violations other than a unique key race), and a bug in a handler (fixed, then re-driven).
 */
public final class Failures {
    /** SQLSTATE classes and codes of failures that go away by themselves. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of(
            "08", // connection exception
            "40", // transaction rollback: serialization failure, deadlock
            "53", // insufficient resources: too many connections, out of memory or disk
            "57", // operator intervention: admin shutdown, cannot connect now, query canceled
            "58"); // system error (I/O)
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "55P03", // lock not available
            "55006", // object in use
            "23505", // unique violation: another transaction inserted the same key first; the retry sees it
            "25P03"); // idle in transaction session timeout

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isTransientSql(sql)) {
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
