package dev.northstar.platform.jdbc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain SQL on the service's datasource, for read models and consumer tables. Inside a transaction the
 * statements join it (Agroal hands out the transaction's connection), so they commit with the rest.
 */
@ApplicationScoped
public class Sql {
    private final AgroalDataSource dataSource;

    public Sql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, sql, parameters)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL update failed: " + e.getMessage(), e);
        }
    }

    public <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        return query(Duration.ZERO, sql, row, parameters);
    }

    /** As {@link #query(String, Row, Object...)}, cancelled by the server after {@code timeout} (whole seconds, 0 for none). */
    public <T> List<T> query(Duration timeout, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, sql, parameters)) {
            if (!timeout.isZero()) {
                ps.setQueryTimeout((int) Math.max(timeout.toSeconds(), 1));
            }
            return rows(ps, row);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL query failed: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> rows(PreparedStatement ps, Row<T> row) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        }
    }

    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /**
     * Hands each row of a query to {@code handler} as it is read, {@code fetchSize} rows at a time (a cursor), so a
     * long result is never held in memory whole. Outside a transaction the cursor runs in one of its own, read only.
     */
    public void stream(String sql, int fetchSize, RowHandler handler, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement ps = prepare(connection, sql, parameters)) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            } finally {
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL query failed: " + e.getMessage(), e);
        }
    }

    public boolean exists(String sql, Object... parameters) {
        return !query(sql, rs -> Boolean.TRUE, parameters).isEmpty();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
        return ps;
    }
}
