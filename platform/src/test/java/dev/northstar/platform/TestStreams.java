package dev.northstar.platform;

import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.NewEvent;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Helpers of the platform tests: append to a throw-away stream type, read test_effects. */
final class TestStreams {
    static final String STREAM_TYPE = "counter";

    static List<StoredEvent> append(EventStore store, UUID streamId, int expectedVersion, int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                events.add(new NewEvent(UUID.randomUUID(), "ItemEstimated", "northstar.backlog.ItemEstimated.v1",
                        "{\"jobSize\":" + (expectedVersion + i) + "}"));
            }
            return store.append(STREAM_TYPE, streamId, null, expectedVersion, events,
                    EventMetadata.now(UUID.randomUUID(), null, "test"));
        });
    }

    /** How often the test consumer applied an event, or 0. */
    static int timesApplied(UUID eventId) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement("SELECT applied FROM test_effects WHERE event_id = ?")) {
            ps.setString(1, eventId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestStreams() {
    }
}
