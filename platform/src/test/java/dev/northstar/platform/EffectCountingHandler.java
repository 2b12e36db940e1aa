package dev.northstar.platform;

import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.inbox.IncomingEventHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/** A consumer whose effect is countable: every handled event adds one to its row in test_effects. */
@ApplicationScoped
public class EffectCountingHandler implements IncomingEventHandler {
    static final String TOPIC = "northstar.platform-test.events";

    private final AgroalDataSource dataSource;

    public EffectCountingHandler(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "effect-counter";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (event.payload().contains("poison")) {
            throw new IllegalStateException("this payload always fails");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     INSERT INTO test_effects (event_id, applied) VALUES (?, 1)
                     ON CONFLICT (event_id) DO UPDATE SET applied = test_effects.applied + 1""")) {
            ps.setString(1, event.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
