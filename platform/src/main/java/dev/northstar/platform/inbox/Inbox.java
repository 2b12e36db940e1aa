package dev.northstar.platform.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Records which events a consumer has handled, in the transaction of the handling. */
@ApplicationScoped
public class Inbox {
    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets every event a consumer handled, so that a replay handles them again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String consumer) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM inbox WHERE consumer = ?")) {
            ps.setString(1, consumer);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }

    /** Returns true the first time a consumer sees an event id, false for every redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }
}
