package dev.northstar.backlog.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.application.BacklogItems;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.Priority;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.jdbc.TableSwap;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Keeps backlog_items in step with the event store: each event folds into the item's stored state. */
@ApplicationScoped
public class BacklogItemsProjection implements Projection {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final BacklogItems items;
    private final TableSwap rebuild = new TableSwap("backlog_items");

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

    /** Folds each whole stream and encodes the rows here; only the upsert is left for the rebuild's transaction. */
    @Override
    public RebuildBatch prepareStreams(List<List<StoredEvent>> streams) {
        Rows rows = new Rows(json);
        try {
            for (List<StoredEvent> events : streams) {
                rows.add(fold(Map.of(), events), events.getFirst(), events.getLast());
            }
            rows.encode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("projecting the events of " + streams.size() + " items failed", e);
        }
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                rows.insertInto(connection, rebuild.replacement());
            } catch (SQLException e) {
                throw new IllegalStateException("writing " + streams.size() + " rebuilt items failed", e);
            }
        };
    }

    /** A big append whose every item comes folded (a roadmap move's rescoring) has its rows encoded ahead. */
    @Override
    public Optional<RebuildBatch> prepareAppended(List<AppendedStream> streams) {
        if (!streams.stream().allMatch(stream -> stream.stateAfter() instanceof BacklogItem)) {
            return Optional.empty();
        }
        Rows rows = new Rows(json);
        try {
            for (AppendedStream stream : streams) {
                rows.add((BacklogItem) stream.stateAfter(), stream.events().getFirst(), stream.events().getLast());
            }
            rows.encode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("projecting the events of " + streams.size() + " items failed", e);
        }
        return Optional.of(() -> {
            try (Connection connection = dataSource.getConnection()) {
                rows.upsert(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("projecting the events of " + streams.size() + " items failed", e);
            }
        });
    }

    /**
     * Writes the item each append folded as it is (a roadmap move rescoring 10,000 items would otherwise read and
     * parse them all again); folds the others' events onto their stored rows. One batch of upserts.
     */
    @Override
    public void applyAppended(List<AppendedStream> streams) {
        try (Connection connection = dataSource.getConnection()) {
            Map<UUID, BacklogItem> storedItems = read(connection, streams.stream()
                    .filter(stream -> !(stream.stateAfter() instanceof BacklogItem))
                    .map(stream -> stream.events().getFirst())
                    .filter(first -> first.streamVersion() > 1).map(StoredEvent::streamId).toList());
            Rows rows = new Rows(json);
            for (AppendedStream stream : streams) {
                List<StoredEvent> events = stream.events();
                BacklogItem item = stream.stateAfter() instanceof BacklogItem folded ? folded : fold(storedItems, events);
                rows.add(item, events.getFirst(), events.getLast());
            }
            rows.encode();
            rows.upsert(connection);
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

    /** A rebuild writes a new table, which replaces backlog_items when it completes (see {@link TableSwap}). */
    @Override
    public void reset() {
        try (Connection connection = dataSource.getConnection()) {
            rebuild.begin(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start rebuilding backlog_items", e);
        }
    }

    /** Swaps the rebuilt table in and counts its ranked items per sort key afresh (its rows fired no trigger). */
    @Override
    public void completeRebuild() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            rebuild.complete(connection);
            statement.execute("DELETE FROM backlog_rank_counts");
            statement.execute("""
                    INSERT INTO backlog_rank_counts (product_id, sort_score, stripe, ranked_items)
                    SELECT product_id, sort_score, 0, count(*) FROM backlog_items b WHERE %s
                    GROUP BY product_id, sort_score""".formatted(BacklogQueries.ranked("b")));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot swap in the rebuilt backlog_items", e);
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

    /**
     * The rows of one append or replay batch, written by one statement over arrays (a rescoring of 10,000 items took
     * 1.1 s as a JDBC batch of single-row upserts). The items' states go as one JSON array, not as an array of texts:
     * the driver escapes every character of a text array, which took a quarter of a rebuild's Java time. The array is
     * {@code json}, each element cast to {@code jsonb}: a {@code jsonb} parameter was parsed while the statement was
     * planned (about 200 ms of planning for 10,000 states), a {@code json} one is only checked.
     */
    private static final class Rows {
        private static final String INSERT = """
                INSERT INTO %s (item_id, product_id, type, status, initiative_id, labels, score, sort_score,
                    version, created_at, updated_at, item)
                SELECT r.item_id, r.product_id, r.type, r.status, r.initiative_id,
                    ARRAY(SELECT jsonb_array_elements_text(r.labels::jsonb)), r.score, r.sort_score,
                    r.version, r.created_at::timestamptz, r.updated_at::timestamptz, s.item::jsonb
                FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::numeric[], ?::numeric[],
                    ?::int4[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS r(item_id, product_id, type, status, initiative_id, labels, score, sort_score, version, created_at,
                         updated_at, n)
                JOIN json_array_elements(?::json) WITH ORDINALITY AS s(item, n) USING (n)""";
        private static final String UPSERT = INSERT.formatted("backlog_items") + """

                ON CONFLICT (item_id) DO UPDATE SET type = excluded.type, status = excluded.status,
                    initiative_id = excluded.initiative_id, labels = excluded.labels, score = excluded.score,
                    sort_score = excluded.sort_score, version = excluded.version, updated_at = excluded.updated_at,
                    item = excluded.item""";

        private final ObjectMapper json;
        private final List<UUID> ids = new ArrayList<>();
        private final List<UUID> products = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<UUID> initiatives = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<BigDecimal> scores = new ArrayList<>();
        private final List<BigDecimal> sortKeys = new ArrayList<>();
        private final List<Integer> versions = new ArrayList<>();
        private final List<String> created = new ArrayList<>();
        private final List<String> updated = new ArrayList<>();
        private final List<BacklogItem> states = new ArrayList<>();
        private String encodedStates;

        Rows(ObjectMapper json) {
            this.json = json;
        }

        /** The item after these events; created_at is the stream's first event's time (an update keeps the stored one). */
        void add(BacklogItem item, StoredEvent first, StoredEvent last) throws JsonProcessingException {
            Priority priority = item.priority();
            ids.add(item.id());
            products.add(item.productId());
            types.add(item.type().name());
            statuses.add(item.status().name());
            initiatives.add(item.initiativeId());
            labels.add(json.writeValueAsString(item.labels().stream().sorted().toList()));
            scores.add(priority.score());
            sortKeys.add(item.sortKey());
            versions.add(last.streamVersion());
            created.add(first.metadata().occurredAt().toString());
            updated.add(last.metadata().occurredAt().toString());
            states.add(item);
        }

        /** Writes the states' JSON array; the rows are complete. */
        void encode() throws JsonProcessingException {
            encodedStates = json.writeValueAsString(states);
        }

        void upsert(Connection connection) throws SQLException {
            write(connection, UPSERT);
        }

        /** Into a table being rebuilt, which holds none of these items yet. */
        void insertInto(Connection connection, String table) throws SQLException {
            write(connection, INSERT.formatted(table));
        }

        private void write(Connection connection, String sql) throws SQLException {
            if (ids.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                ps.setArray(2, connection.createArrayOf("uuid", products.toArray()));
                ps.setArray(3, connection.createArrayOf("text", types.toArray()));
                ps.setArray(4, connection.createArrayOf("text", statuses.toArray()));
                ps.setArray(5, connection.createArrayOf("uuid", initiatives.toArray()));
                ps.setArray(6, connection.createArrayOf("text", labels.toArray()));
                ps.setArray(7, connection.createArrayOf("numeric", scores.toArray()));
                ps.setArray(8, connection.createArrayOf("numeric", sortKeys.toArray()));
                ps.setArray(9, connection.createArrayOf("int4", versions.toArray()));
                ps.setArray(10, connection.createArrayOf("text", created.toArray()));
                ps.setArray(11, connection.createArrayOf("text", updated.toArray()));
                ps.setString(12, encodedStates);
                ps.executeUpdate();
            }
        }
    }
}
