package dev.northstar.analytics.application;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes the fact tables, in the consumer's transaction. */
@ApplicationScoped
public class Facts {
    private final AgroalDataSource dataSource;

    public Facts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("fact write failed", e);
        }
    }
}
