package dev.northstar.backlog.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.application.BacklogItems;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.Priority;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.platform.eventstore.StoredEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keeps backlog_items in step with the event store: each event folds into the item's stored state. */
@ApplicationScoped
public class BacklogItemsProjection implements Projection {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final BacklogItems items;

    public BacklogItemsProjection(AgroalDataSource dataSource, ObjectMapper json, BacklogItems items) {
        this.dataSource = dataSource;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.items = items;
    }

    @Override
    public String name() {
        return "backlog-items";
    }

    @Override
    public String streamType() {
        return BacklogItems.STREAM_TYPE;
    }

    @Override
    public void apply(List<StoredEvent> events) {
        applyStreams(List.of(events));
    }

    /** Folds each stream's events onto its stored item (none for a new one) and writes the rows in one batch. */
    @Override
    public void applyStreams(List<List<StoredEvent>> streams) {
        applyAppended(streams.stream().map(events -> new AppendedStream(events, null)).toList());
    }

    /**
     * Writes the item each append folded as it is (a roadmap move rescoring 10,000 items would otherwise read and
     * parse them all again); folds the others' events onto their stored rows. One batch of upserts.
     */
    @Override
    public void applyAppended(List<AppendedStream> streams) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            Map<UUID, BacklogItem> storedItems = read(connection, streams.stream()
                    .filter(stream -> !(stream.stateAfter() instanceof BacklogItem))
                    .map(stream -> stream.events().getFirst())
                    .filter(first -> first.streamVersion() > 1).map(StoredEvent::streamId).toList());
            for (AppendedStream stream : streams) {
                List<StoredEvent> events = stream.events();
                StoredEvent first = events.getFirst();
                BacklogItem item = stream.stateAfter() instanceof BacklogItem folded ? folded : fold(storedItems, events);
                bind(connection, upsert, item, first, events.getLast());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("projecting the events of " + streams.size() + " items failed", e);
        }
    }

    private BacklogItem fold(Map<UUID, BacklogItem> storedItems, List<StoredEvent> events) {
        StoredEvent first = events.getFirst();
        BacklogItem item = first.streamVersion() == 1 ? null : storedItems.get(first.streamId());
        if (first.streamVersion() > 1 && item == null) {
            throw new IllegalStateException("no read-model row for item " + first.streamId());
        }
        for (StoredEvent stored : events) {
            item = BacklogItem.apply(item, items.types().deserialize(stored));
        }
        return item;
    }

    @Override
    public void reset() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM backlog_items")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored items with these ids, in one query. */
    private Map<UUID, BacklogItem> read(Connection connection, List<UUID> itemIds) throws SQLException, JsonProcessingException {
        Map<UUID, BacklogItem> items = new HashMap<>();
        if (itemIds.isEmpty()) {
            return items;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT item_id, item::text FROM backlog_items WHERE item_id = ANY(?)")) {
            ps.setArray(1, connection.createArrayOf("uuid", itemIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.put(rs.getObject(1, UUID.class), json.readValue(rs.getString(2), BacklogItem.class));
                }
            }
        }
        return items;
    }

    private static final String UPSERT = """
            INSERT INTO backlog_items (item_id, product_id, type, status, initiative_id, labels, score, sort_score,
                version, created_at, updated_at, item)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (item_id) DO UPDATE SET type = excluded.type, status = excluded.status,
                initiative_id = excluded.initiative_id, labels = excluded.labels, score = excluded.score,
                sort_score = excluded.sort_score, version = excluded.version, updated_at = excluded.updated_at,
                item = excluded.item""";

    private void bind(Connection connection, PreparedStatement ps, BacklogItem item, StoredEvent first, StoredEvent last)
            throws SQLException, JsonProcessingException {
        Priority priority = item.priority();
        Timestamp at = Timestamp.from(last.metadata().occurredAt());
        // created_at is written by the stream's first event only (an update keeps it)
        Timestamp created = Timestamp.from(first.metadata().occurredAt());
        ps.setObject(1, item.id());
        ps.setObject(2, item.productId());
        ps.setString(3, item.type().name());
        ps.setString(4, item.status().name());
        ps.setObject(5, item.initiativeId());
        ps.setArray(6, connection.createArrayOf("text", item.labels().stream().sorted().toArray()));
        ps.setBigDecimal(7, priority.score());
        ps.setBigDecimal(8, priority.sortKey());
        ps.setInt(9, last.streamVersion());
        ps.setTimestamp(10, created);
        ps.setTimestamp(11, at);
        ps.setString(12, json.writeValueAsString(item));
    }
}
