package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.RoadmapContext;
import dev.northstar.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** backlog-service's own view of the roadmap (products, themes, initiatives), kept from roadmap events. */
@ApplicationScoped
public class KnownRoadmap {
    private final AgroalDataSource dataSource;
    private final Sql sql;

    public KnownRoadmap(AgroalDataSource dataSource, Sql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    public boolean hasProduct(UUID productId) {
        return !query("SELECT product_id FROM roadmap_products WHERE product_id = ?", productId).isEmpty();
    }

    /**
     * The roadmap context of an initiative of the product, if the roadmap announced it; with the ROI of its business case
     * when the product lets business cases count.
     */
    public Optional<RoadmapContext> contextOf(UUID productId, UUID initiativeId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     SELECT i.horizon, i.status, i.theme_id, t.weight,
                            CASE WHEN s.enabled THEN i.business_case_roi END
                     FROM roadmap_initiatives i LEFT JOIN roadmap_themes t ON t.theme_id = i.theme_id
                     LEFT JOIN business_case_scaling s ON s.product_id = i.product_id
                     WHERE i.initiative_id = ? AND i.product_id = ?""")) {
            ps.setObject(1, initiativeId);
            ps.setObject(2, productId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RoadmapContext(initiativeId, rs.getString(1), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getBigDecimal(4), rs.getBigDecimal(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An initiative as backlog-service knows it. */
    public record KnownInitiative(UUID id, String title, String horizon, String status, UUID themeId, String themeName,
                                  BigDecimal themeWeight) {
    }

    /** The product's initiatives as backlog-service knows them, NOW first; what items can be linked to. */
    public List<KnownInitiative> initiatives(UUID productId, UUID onlyId) {
        String sql = "SELECT i.initiative_id, i.title, i.horizon, i.status, i.theme_id, t.name, t.weight"
                + " FROM roadmap_initiatives i LEFT JOIN roadmap_themes t ON t.theme_id = i.theme_id"
                + " WHERE i.product_id = ?" + (onlyId == null ? "" : " AND i.initiative_id = ?")
                + " ORDER BY CASE i.horizon WHEN 'NOW' THEN 0 WHEN 'NEXT' THEN 1 ELSE 2 END, i.title";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, productId);
            if (onlyId != null) {
                ps.setObject(2, onlyId);
            }
            List<KnownInitiative> initiatives = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    initiatives.add(new KnownInitiative(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getBigDecimal(7)));
                }
            }
            return initiatives;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The product's initiatives with a business case in money (an ROI): those a change of the scaling setting rescores. */
    public List<UUID> initiativesWithRoi(UUID productId) {
        return query("SELECT initiative_id FROM roadmap_initiatives WHERE product_id = ? AND business_case_roi IS NOT NULL", productId);
    }

    /** Whether the product lets business cases scale priority, as its settings say (kept with them, in their transaction). */
    public void scaleByBusinessCases(UUID productId, boolean enabled) {
        sql.update("""
                INSERT INTO business_case_scaling (product_id, enabled) VALUES (?, ?)
                ON CONFLICT (product_id) DO UPDATE SET enabled = excluded.enabled""", productId, enabled);
    }

    public List<UUID> initiativesOfTheme(UUID themeId) {
        return query("SELECT initiative_id FROM roadmap_initiatives WHERE theme_id = ?", themeId);
    }

    /** Applies one statement of the roadmap consumer (insert, update) with its parameters. */
    public void update(String statement, Object... parameters) {
        sql.update(statement, parameters);
    }

    private List<UUID> query(String statement, UUID parameter) {
        return sql.query(statement, rs -> rs.getObject(1, UUID.class), parameter);
    }
}
