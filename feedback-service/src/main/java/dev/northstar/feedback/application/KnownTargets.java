package dev.northstar.feedback.application;

import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.TargetType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The products, initiatives and backlog items feedback-service has heard of, and can therefore accept links to. */
@ApplicationScoped
public class KnownTargets {
    private final AgroalDataSource dataSource;

    public KnownTargets(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean hasProduct(UUID productId) {
        return exists("SELECT 1 FROM known_products WHERE product_id = ?", productId, null);
    }

    public boolean has(UUID productId, Target target) {
        return exists("SELECT 1 FROM known_targets WHERE target_id = ? AND target_type = ? AND product_id = ?",
                target.id(), target.type().name(), productId);
    }

    public void product(UUID productId) {
        update("INSERT INTO known_products (product_id) VALUES (?) ON CONFLICT DO NOTHING", productId);
    }

    public void target(UUID productId, TargetType type, UUID id, String title) {
        update("INSERT INTO known_targets (target_id, target_type, product_id, title) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (target_id) DO UPDATE SET title = excluded.title", id, type.name(), productId, title);
    }

    private boolean exists(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object parameter : parameters) {
                if (parameter != null) {
                    ps.setObject(i++, parameter);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
