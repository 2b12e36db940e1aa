package dev.northstar.platform;

import dev.northstar.platform.messaging.Failures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are worth retrying: by who is at fault (the SQLSTATE) and by where they happened (connecting). */
class FailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"55000", "28P01", "28000", "25006", "57014", "57P01", "57P03", "53300", "08006", "40001", "40P01",
            "55P03", "23505"})
    void the_server_refusing_work_is_transient(String state) {
        assertThat(Failures.isTransient(wrapped(new SQLException("refused", state)))).as(state).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22003", "22P02", "23502", "23503", "42703", "42P01"})
    void what_the_record_or_a_handler_is_at_fault_for_is_permanent(String state) {
        assertThat(Failures.isTransient(wrapped(new SQLException("refused", state)))).as(state).isFalse();
    }

    @Test
    void anything_raised_while_obtaining_a_connection_is_transient_whatever_its_code() {
        SQLException connecting = new SQLException("permission denied for database", "42501");
        connecting.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.postgresql.Driver", "connect", "Driver.java", 1),
                new StackTraceElement("io.agroal.pool.ConnectionFactory", "createConnection", "ConnectionFactory.java", 1)});
        SQLException executing = new SQLException("permission denied for table", "42501");

        assertThat(Failures.isTransient(wrapped(connecting))).isTrue();
        assertThat(Failures.isTransient(wrapped(executing))).isFalse();
    }

    /** As the failure reaches the inbox: inside the wrappers of the JDBC helper and the transaction. */
    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("transaction failed", new IllegalStateException("SQL update failed", cause));
    }
}
