package dev.northstar.backlog.application;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The demand analytics last reported per initiative and backlog item: distinct accounts asking for it. */
@ApplicationScoped
public class DemandSignals {
    private final AgroalDataSource dataSource;

    public DemandSignals(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Signal(String targetType, int accounts, BigDecimal accountValue) {
    }

    public Map<UUID, Signal> ofProduct(UUID productId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT target_id, target_type, accounts, account_value FROM demand_signals WHERE product_id = ?")) {
            ps.setObject(1, productId);
            Map<UUID, Signal> signals = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    signals.put(rs.getObject(1, UUID.class), new Signal(rs.getString(2), rs.getInt(3), rs.getBigDecimal(4)));
                }
            }
            return signals;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A target's demand as last recorded; empty for a target that never had any. */
    public Optional<Signal> of(UUID targetId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT target_type, accounts, account_value FROM demand_signals WHERE target_id = ?")) {
            ps.setObject(1, targetId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Signal(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void put(UUID productId, UUID targetId, Signal signal) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     INSERT INTO demand_signals (target_id, product_id, target_type, accounts, account_value) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (target_id) DO UPDATE SET accounts = excluded.accounts, account_value = excluded.account_value""")) {
            ps.setObject(1, targetId);
            ps.setObject(2, productId);
            ps.setString(3, signal.targetType());
            ps.setInt(4, signal.accounts());
            ps.setBigDecimal(5, signal.accountValue());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
