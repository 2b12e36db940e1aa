package dev.northstar.analytics.readmodel;

import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.text.Markdown;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a shipped release brought: its initiatives and, under each, the backlog items accepted by the time it shipped;
 * and the product's changelog, its shipped releases newest first. Read from the facts, so a rebuild gives the same notes.
 */
@ApplicationScoped
public class ReleaseNotes {
    private final Sql sql;

    public ReleaseNotes(Sql sql) {
        this.sql = sql;
    }

    public record Item(UUID itemId, String title, Instant acceptedAt) {
    }

    public record Initiative(UUID initiativeId, String title, List<Item> items) {
    }

    public record Notes(UUID releaseId, UUID productId, String name, LocalDate targetDate, Instant shippedAt,
                        List<Initiative> initiatives) {

        /**
         * The notes as Markdown: a heading per release and per initiative, a bullet per accepted item; names and titles
         * as plain text ({@link Markdown#text}).
         */
        public String markdown() {
            StringBuilder md = new StringBuilder("# ").append(Markdown.text(name)).append(" (shipped ")
                    .append(shippedAt.atOffset(ZoneOffset.UTC).toLocalDate()).append(")\n");
            for (Initiative initiative : initiatives) {
                md.append("\n## ").append(Markdown.text(initiative.title())).append('\n');
                if (initiative.items().isEmpty()) {
                    md.append("\n_No backlog item accepted for it by the ship date._\n");
                } else {
                    md.append('\n');
                    initiative.items().forEach(item -> md.append("- ").append(Markdown.text(item.title(), "(untitled)")).append('\n'));
                }
            }
            return md.toString();
        }
    }

    private record Shipped(UUID id, UUID productId, String name, LocalDate targetDate, Instant shippedAt) {
    }

    /** The notes of a release of the product; empty when there is no such release, no shippedAt while it has not shipped. */
    public Optional<Notes> of(UUID productId, UUID releaseId) {
        return sql.query("""
                SELECT release_id, product_id, name, target_date, shipped_at FROM release_facts
                WHERE release_id = ? AND product_id = ?""", ReleaseNotes::shipped, releaseId, productId)
                .stream().findFirst().map(this::notes);
    }

    /** The product's shipped releases with their notes, newest first (at most {@code limit}). */
    public List<Notes> changelog(UUID productId, int limit) {
        return sql.query("""
                SELECT release_id, product_id, name, target_date, shipped_at FROM release_facts
                WHERE product_id = ? AND shipped_at IS NOT NULL ORDER BY shipped_at DESC, release_id LIMIT ?""",
                ReleaseNotes::shipped, productId, limit).stream().map(this::notes).toList();
    }

    private static Shipped shipped(ResultSet rs) throws SQLException {
        return new Shipped(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());
    }

    private Notes notes(Shipped release) {
        List<Initiative> initiatives = sql.query("""
                SELECT ri.initiative_id, coalesce(i.title, '(unknown initiative)') FROM release_initiatives ri
                LEFT JOIN initiative_facts i ON i.initiative_id = ri.initiative_id
                WHERE ri.release_id = ? ORDER BY 2, 1""",
                rs -> new Initiative(rs.getObject(1, UUID.class), rs.getString(2),
                        release.shippedAt() == null ? List.of() : acceptedItems(rs.getObject(1, UUID.class), release.shippedAt())),
                release.id());
        return new Notes(release.id(), release.productId(), release.name(), release.targetDate(), release.shippedAt(), initiatives);
    }

    private List<Item> acceptedItems(UUID initiativeId, Instant shippedAt) {
        return sql.query("""
                SELECT item_id, title, accepted_at FROM item_facts
                WHERE initiative_id = ? AND status = 'ACCEPTED' AND accepted_at <= ? ORDER BY accepted_at, item_id""",
                rs -> new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()),
                initiativeId, Timestamp.from(shippedAt));
    }
}
