package dev.northstar.feedback.application;

import dev.northstar.feedback.domain.KnownCompetitor;
import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The products, initiatives and backlog items feedback-service has heard of, and can therefore accept links to, and the
 * products' competitors, which feedback is matched against.
 */
@ApplicationScoped
public class KnownTargets {
    private final Sql sql;

    public KnownTargets(Sql sql) {
        this.sql = sql;
    }

    public boolean hasProduct(UUID productId) {
        return sql.exists("SELECT 1 FROM known_products WHERE product_id = ?", productId);
    }

    public boolean has(UUID productId, Target target) {
        return sql.exists("SELECT 1 FROM known_targets WHERE target_id = ? AND target_type = ? AND product_id = ?",
                target.id(), target.type().name(), productId);
    }

    /** The product's competitors with their keywords, as the roadmap announced them. */
    public List<KnownCompetitor> competitors(UUID productId) {
        return sql.query("SELECT competitor_id, name, keywords FROM known_competitors WHERE product_id = ? ORDER BY name",
                rs -> new KnownCompetitor(rs.getObject(1, UUID.class), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray())), productId);
    }

    public void competitor(UUID productId, UUID competitorId, String name, List<String> keywords) {
        sql.update("""
                INSERT INTO known_competitors (competitor_id, product_id, name, keywords) VALUES (?, ?, ?, ?)
                ON CONFLICT (competitor_id) DO UPDATE SET name = excluded.name, keywords = excluded.keywords""",
                competitorId, productId, name, keywords.toArray(String[]::new));
    }

    public void product(UUID productId) {
        sql.update("INSERT INTO known_products (product_id) VALUES (?) ON CONFLICT DO NOTHING", productId);
    }

    public void release(UUID productId, UUID releaseId, String name) {
        sql.update("INSERT INTO known_releases (release_id, product_id, name) VALUES (?, ?, ?) "
                + "ON CONFLICT (release_id) DO UPDATE SET name = excluded.name", releaseId, productId, name);
    }

    /** The title of an initiative or backlog item, or the name of a release, as announced; null when unknown. */
    public String titleOf(UUID id) {
        List<String> titles = sql.query("SELECT title FROM known_targets WHERE target_id = ? "
                + "UNION ALL SELECT name FROM known_releases WHERE release_id = ?", rs -> rs.getString(1), id, id);
        return titles.isEmpty() ? null : titles.getFirst();
    }

    public void target(UUID productId, TargetType type, UUID id, String title) {
        sql.update("INSERT INTO known_targets (target_id, target_type, product_id, title) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (target_id) DO UPDATE SET title = excluded.title", id, type.name(), productId, title);
    }
}
