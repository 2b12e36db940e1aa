package dev.northstar.backlog.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.application.BacklogItems;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.ItemStatus;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.eventstore.Versioned;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the backlog: now from the read model, or as it was at a past instant by folding the event store.
 * Both answer in the same order ({@link BacklogPosition#ORDER}) with the same ranks.
 */
@ApplicationScoped
public class BacklogQueries {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final EventStore store;
    private final BacklogItems items;

    public BacklogQueries(AgroalDataSource dataSource, ObjectMapper json, EventStore store, BacklogItems items) {
        this.dataSource = dataSource;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.store = store;
        this.items = items;
    }

    public record Page(List<ItemSnapshot> items, BacklogPosition next) {
    }

    public Page list(UUID productId, ItemFilter filter, BacklogPosition after, int limit) {
        // The page is chosen on the order index; ranks need the keys of the whole open backlog; the JSON
        // is read for the page's rows alone.
        StringBuilder page = new StringBuilder(
                "SELECT b.item_id, b.sort_score, b.created_at FROM backlog_items b WHERE b.product_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(productId);
        if (filter.status() != null) {
            page.append(" AND b.status = ?");
            parameters.add(filter.status().name());
        }
        if (filter.type() != null) {
            page.append(" AND b.type = ?");
            parameters.add(filter.type().name());
        }
        if (filter.label() != null) {
            page.append(" AND ? = ANY (b.labels)");
            parameters.add(filter.label());
        }
        if (filter.initiativeId() != null) {
            page.append(" AND b.initiative_id = ?");
            parameters.add(filter.initiativeId());
        }
        if (after != null) {
            page.append(" AND (b.sort_score < ? OR (b.sort_score = ? AND (b.created_at > ? OR (b.created_at = ? AND b.item_id > ?))))");
            Timestamp createdAt = Timestamp.from(after.createdAt());
            parameters.addAll(List.of(after.sortKey(), after.sortKey(), createdAt, createdAt, after.id()));
        }
        page.append(" ORDER BY b.sort_score DESC, b.created_at, b.item_id LIMIT ?");
        parameters.add(limit + 1);
        parameters.add(productId);
        String sql = "WITH page AS (" + page + "), "
                + "ranked AS (SELECT item_id, row_number() OVER (ORDER BY sort_score DESC, created_at, item_id) AS rank "
                + "FROM backlog_items WHERE product_id = ? AND status <> 'ACCEPTED') "
                + "SELECT b.item::text, b.version, b.created_at, b.updated_at, r.rank "
                + "FROM page p JOIN backlog_items b ON b.item_id = p.item_id LEFT JOIN ranked r ON r.item_id = p.item_id "
                + "ORDER BY p.sort_score DESC, p.created_at, p.item_id";

        List<ItemSnapshot> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(snapshot(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backlog query failed", e);
        }
        return page(rows, limit);
    }

    public Optional<ItemSnapshot> find(UUID productId, UUID itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     SELECT i.item::text, i.version, i.created_at, i.updated_at,
                            CASE WHEN i.status <> 'ACCEPTED' THEN (
                                SELECT count(*) + 1 FROM backlog_items o
                                WHERE o.product_id = i.product_id AND o.status <> 'ACCEPTED'
                                  AND (o.sort_score > i.sort_score OR (o.sort_score = i.sort_score
                                       AND (o.created_at < i.created_at OR (o.created_at = i.created_at AND o.item_id < i.item_id)))))
                            END
                     FROM backlog_items i WHERE i.product_id = ? AND i.item_id = ?""")) {
            ps.setObject(1, productId);
            ps.setObject(2, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(snapshot(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backlog query failed", e);
        }
    }

    /** The open items linked to an initiative with their stored state, in backlog order (by the initiative index). */
    public List<ItemSnapshot> openItemsLinkedToWithState(UUID initiativeId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     SELECT item::text, version, created_at, updated_at, NULL FROM backlog_items
                     WHERE initiative_id = ? AND status <> 'ACCEPTED' ORDER BY sort_score DESC, created_at, item_id""")) {
            ps.setObject(1, initiativeId);
            List<ItemSnapshot> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(snapshot(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("backlog query failed", e);
        }
    }

    /** The open items of a product among these ids, with their stored state. */
    public List<ItemSnapshot> openItemsWithState(UUID productId, Collection<UUID> itemIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     SELECT item::text, version, created_at, updated_at, NULL FROM backlog_items
                     WHERE product_id = ? AND item_id = ANY(?) AND status <> 'ACCEPTED'""")) {
            ps.setObject(1, productId);
            ps.setArray(2, connection.createArrayOf("uuid", itemIds.toArray()));
            List<ItemSnapshot> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(snapshot(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("backlog query failed", e);
        }
    }

    /**
     * The ranks of some open items in the product's backlog, now and with new sort keys for them, in one pass over
     * the open backlog each (not one count per item).
     */
    public record Reranking(Map<UUID, Integer> before, Map<UUID, Integer> after) {
    }

    public Reranking rerank(UUID productId, Map<UUID, BigDecimal> newSortKeys) {
        return new Reranking(ranks(productId, newSortKeys.keySet(), Map.of()), ranks(productId, newSortKeys.keySet(), newSortKeys));
    }

    private Map<UUID, Integer> ranks(UUID productId, Collection<UUID> items, Map<UUID, BigDecimal> sortKeys) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     WITH changed AS (SELECT * FROM unnest(?::uuid[], ?::numeric[]) AS c(item_id, sort_score)),
                     ranked AS (
                         SELECT b.item_id, row_number() OVER (
                                    ORDER BY coalesce(c.sort_score, b.sort_score) DESC, b.created_at, b.item_id) AS rank
                         FROM backlog_items b LEFT JOIN changed c ON c.item_id = b.item_id
                         WHERE b.product_id = ? AND b.status <> 'ACCEPTED')
                     SELECT item_id, rank FROM ranked WHERE item_id = ANY(?::uuid[])""")) {
            List<UUID> changed = new ArrayList<>(sortKeys.keySet());
            ps.setArray(1, connection.createArrayOf("uuid", changed.toArray()));
            ps.setArray(2, connection.createArrayOf("numeric", changed.stream().map(sortKeys::get).toArray()));
            ps.setObject(3, productId);
            ps.setArray(4, connection.createArrayOf("uuid", items.toArray()));
            Map<UUID, Integer> ranks = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ranks.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return ranks;
        } catch (SQLException e) {
            throw new IllegalStateException("backlog query failed", e);
        }
    }

    /** The backlog as it was at {@code asOf}: every item of the product folded from its events up to then. */
    public Page listAsOf(UUID productId, Instant asOf, ItemFilter filter, BacklogPosition after, int limit) {
        List<ItemSnapshot> ranked = rankedAsOf(productId, asOf);
        List<ItemSnapshot> rows = ranked.stream()
                .filter(s -> filter.matches(s.item()))
                .filter(s -> after == null || BacklogPosition.ORDER.compare(BacklogPosition.of(s), after) > 0)
                .limit(limit + 1L)
                .toList();
        return page(rows, limit);
    }

    public Optional<ItemSnapshot> findAsOf(UUID productId, UUID itemId, Instant asOf) {
        return rankedAsOf(productId, asOf).stream().filter(s -> s.item().id().equals(itemId)).findFirst();
    }

    private List<ItemSnapshot> rankedAsOf(UUID productId, Instant asOf) {
        Map<UUID, List<StoredEvent>> byItem = new LinkedHashMap<>();
        for (StoredEvent event : store.loadProductAsOf(BacklogItems.STREAM_TYPE, productId, asOf)) {
            byItem.computeIfAbsent(event.streamId(), id -> new ArrayList<>()).add(event);
        }
        List<ItemSnapshot> unranked = new ArrayList<>();
        for (List<StoredEvent> events : byItem.values()) {
            Versioned<BacklogItem> item = items.fold(events).orElseThrow();
            unranked.add(new ItemSnapshot(item.state(), item.version(), item.createdAt(), item.updatedAt(), null));
        }
        return rank(unranked);
    }

    /** Sorts into the backlog order and numbers the open items 1, 2, 3...; accepted items have no rank. */
    static List<ItemSnapshot> rank(Collection<ItemSnapshot> snapshots) {
        List<ItemSnapshot> sorted = snapshots.stream()
                .sorted((a, b) -> BacklogPosition.ORDER.compare(BacklogPosition.of(a), BacklogPosition.of(b)))
                .toList();
        List<ItemSnapshot> ranked = new ArrayList<>(sorted.size());
        int rank = 0;
        for (ItemSnapshot s : sorted) {
            boolean open = s.item().status() != ItemStatus.ACCEPTED;
            ranked.add(new ItemSnapshot(s.item(), s.version(), s.createdAt(), s.updatedAt(), open ? ++rank : null));
        }
        return ranked;
    }

    private static Page page(List<ItemSnapshot> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<ItemSnapshot> page = rows.subList(0, limit);
        return new Page(page, BacklogPosition.of(page.getLast()));
    }

    private ItemSnapshot snapshot(ResultSet rs) throws SQLException {
        try {
            Object rank = rs.getObject(5);
            return new ItemSnapshot(json.readValue(rs.getString(1), BacklogItem.class), rs.getInt(2),
                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                    rank == null ? null : ((Number) rank).intValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model row", e);
        }
    }
}
