package dev.northstar.analytics.readmodel;

import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.domain.Nps;
import dev.northstar.analytics.domain.Percentile;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes a product's metrics from the fact tables. Everything derives from facts, so a replay of the
 * events gives the same figures.
 */
@ApplicationScoped
public class MetricsQueries {
    private final Sql db;
    private final Clock clock;

    public MetricsQueries(Sql sql) {
        this.db = sql;
        this.clock = Clock.systemUTC();
    }

    public record DayCount(String day, long count) {
    }

    public record FeedbackVolume(long total, long last24Hours, long last7Days, List<DayCount> last14Days) {
    }

    public record Sentiment(long positive, long neutral, long negative) {
    }

    public record Demand(String targetType, UUID targetId, String title, long feedback, long uniqueCustomers, long votes,
                         long accounts, BigDecimal accountValue) {
    }

    public record WeekCount(String week, long accepted) {
    }

    public record LeadTime(BigDecimal p50Days, BigDecimal p85Days, int samples) {
    }

    /**
     * One ISO week's reviews of finished work: acceptances, rejections, the share of reviews that rejected, and the
     * share of acceptances of items never rejected before (null without acceptances or reviews).
     */
    public record ReviewWeek(String week, long accepted, long rejected, BigDecimal rejectionRate,
                             BigDecimal firstTimeAcceptanceRate) {
    }

    public record Delivery(Map<String, Long> workInProgress, List<WeekCount> acceptedPerWeek, LeadTime leadTime,
                           List<ReviewWeek> reviewsPerWeek) {
    }

    public record InitiativeProgress(UUID initiativeId, String title, String horizon, String status, long items,
                                     long accepted, BigDecimal progress) {
    }

    /** An open item the product owner pinned to its place in the backlog: who, when and why. */
    public record PinnedItem(UUID itemId, String title, String pinnedBy, Instant pinnedAt, String reason) {
    }

    /** How the product owner orders the backlog: the scoring model in use and the pins, newest first. */
    public record BacklogControl(String scoringModel, List<PinnedItem> pins) {
    }

    public Map<String, Object> snapshot(UUID productId) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            metrics.put(metric.key(), value(productId, metric));
        }
        return metrics;
    }

    public Object value(UUID productId, Metric metric) {
        return switch (metric) {
            case FEEDBACK_VOLUME -> feedbackVolume(productId);
            case NPS -> nps(productId);
            case SENTIMENT -> sentiment(productId);
            case DEMAND -> demand(productId);
            case DELIVERY -> delivery(productId);
            case ROADMAP_PROGRESS -> roadmapProgress(productId);
            case BACKLOG -> backlog(productId);
        };
    }

    public boolean knows(UUID productId) {
        return !rows("""
                SELECT 1 FROM feedback_facts WHERE product_id = ? UNION ALL SELECT 1 FROM item_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM initiative_facts WHERE product_id = ? LIMIT 1""",
                List.of(productId, productId, productId), rs -> 1).isEmpty();
    }

    FeedbackVolume feedbackVolume(UUID productId) {
        Instant now = clock.instant();
        List<long[]> totals = rows("""
                SELECT count(*), count(*) FILTER (WHERE occurred_at > ?), count(*) FILTER (WHERE occurred_at > ?)
                FROM feedback_facts WHERE product_id = ?""",
                List.of(Timestamp.from(now.minus(1, ChronoUnit.DAYS)), Timestamp.from(now.minus(7, ChronoUnit.DAYS)), productId),
                rs -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        List<DayCount> days = rows("""
                SELECT to_char(date_trunc('day', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), count(*)
                FROM feedback_facts WHERE product_id = ? AND occurred_at > ? GROUP BY 1 ORDER BY 1""",
                List.of(productId, Timestamp.from(now.truncatedTo(ChronoUnit.DAYS).minus(13, ChronoUnit.DAYS))),
                rs -> new DayCount(rs.getString(1), rs.getLong(2)));
        long[] t = totals.getFirst();
        return new FeedbackVolume(t[0], t[1], t[2], days);
    }

    Nps nps(UUID productId) {
        return rows("""
                SELECT count(*) FILTER (WHERE rating >= 9), count(*) FILTER (WHERE rating BETWEEN 7 AND 8),
                       count(*) FILTER (WHERE rating <= 6)
                FROM feedback_facts WHERE product_id = ? AND rating IS NOT NULL AND occurred_at > ?""",
                List.of(productId, Timestamp.from(clock.instant().minus(30, ChronoUnit.DAYS))),
                rs -> Nps.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).getFirst();
    }

    Sentiment sentiment(UUID productId) {
        return rows("""
                SELECT count(*) FILTER (WHERE sentiment = 'POSITIVE'), count(*) FILTER (WHERE sentiment = 'NEUTRAL'),
                       count(*) FILTER (WHERE sentiment = 'NEGATIVE')
                FROM feedback_facts WHERE product_id = ? AND occurred_at > ?""",
                List.of(productId, Timestamp.from(clock.instant().minus(30, ChronoUnit.DAYS))),
                rs -> new Sentiment(rs.getLong(1), rs.getLong(2), rs.getLong(3))).getFirst();
    }

    /**
     * Demand per initiative and backlog item: linked feedback, distinct customers (feedback or vote),
     * active votes, distinct accounts, and the summed value of those accounts. Highest account value first. Discarded
     * items have none until they are restored.
     */
    List<Demand> demand(UUID productId) {
        return rows("""
                WITH signals AS (
                    SELECT l.target_type, l.target_id, f.customer_id, f.account, f.account_value, 'F' AS kind
                    FROM demand_links l JOIN feedback_facts f ON f.feedback_id = l.feedback_id WHERE l.product_id = ?
                    UNION ALL
                    SELECT target_type, target_id, customer_id, account, account_value, 'V'
                    FROM vote_facts WHERE product_id = ? AND active),
                accounts AS (
                    SELECT target_type, target_id, coalesce(account, 'customer:' || customer_id) AS account, max(account_value) AS value
                    FROM signals GROUP BY 1, 2, 3)
                SELECT s.target_type, s.target_id,
                       coalesce(i.title, it.title, '(unknown)'),
                       count(*) FILTER (WHERE s.kind = 'F'), count(DISTINCT s.customer_id), count(*) FILTER (WHERE s.kind = 'V'),
                       (SELECT count(*) FROM accounts a WHERE a.target_id = s.target_id),
                       (SELECT coalesce(sum(a.value), 0) FROM accounts a WHERE a.target_id = s.target_id)
                FROM signals s
                LEFT JOIN initiative_facts i ON i.initiative_id = s.target_id
                LEFT JOIN item_facts it ON it.item_id = s.target_id
                WHERE it.status IS DISTINCT FROM 'DISCARDED'
                GROUP BY s.target_type, s.target_id, 3
                ORDER BY 8 DESC, 5 DESC, s.target_id""",
                List.of(productId, productId),
                rs -> new Demand(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8).setScale(2)));
    }

    Delivery delivery(UUID productId) {
        Map<String, Long> wip = new LinkedHashMap<>();
        for (String status : List.of("NEW", "READY", "IN_PROGRESS", "DONE")) {
            wip.put(status, 0L);
        }
        rows("SELECT status, count(*) FROM item_facts WHERE product_id = ? AND status NOT IN ('ACCEPTED', 'DISCARDED') GROUP BY status",
                List.of(productId), rs -> wip.put(rs.getString(1), rs.getLong(2)));
        List<WeekCount> weeks = rows("""
                SELECT to_char(date_trunc('week', accepted_at AT TIME ZONE 'UTC'), 'IYYY-"W"IW'), count(*)
                FROM item_facts WHERE product_id = ? AND accepted_at > ? GROUP BY 1 ORDER BY 1""",
                List.of(productId, Timestamp.from(clock.instant().minus(56, ChronoUnit.DAYS))),
                rs -> new WeekCount(rs.getString(1), rs.getLong(2)));
        List<Double> leadTimes = rows("""
                SELECT extract(epoch FROM accepted_at - created_at) / 86400.0 FROM item_facts
                WHERE product_id = ? AND accepted_at IS NOT NULL ORDER BY 1""",
                List.of(productId), rs -> rs.getDouble(1));
        List<ReviewWeek> reviews = rows("""
                SELECT to_char(date_trunc('week', r.reviewed_at AT TIME ZONE 'UTC'), 'IYYY-"W"IW'),
                       count(*) FILTER (WHERE r.outcome = 'ACCEPTED'), count(*) FILTER (WHERE r.outcome = 'REJECTED'),
                       count(*) FILTER (WHERE r.outcome = 'ACCEPTED' AND NOT EXISTS (
                           SELECT 1 FROM review_facts earlier WHERE earlier.item_id = r.item_id
                           AND earlier.outcome = 'REJECTED' AND earlier.reviewed_at <= r.reviewed_at))
                FROM review_facts r WHERE r.product_id = ? AND r.reviewed_at > ? GROUP BY 1 ORDER BY 1""",
                List.of(productId, Timestamp.from(clock.instant().minus(56, ChronoUnit.DAYS))),
                rs -> new ReviewWeek(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        share(rs.getLong(3), rs.getLong(2) + rs.getLong(3)), share(rs.getLong(4), rs.getLong(2))));
        return new Delivery(wip, weeks, new LeadTime(Percentile.of(leadTimes, 50), Percentile.of(leadTimes, 85), leadTimes.size()),
                reviews);
    }

    /** part / whole with two decimals; null when there is no whole. */
    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    BacklogControl backlog(UUID productId) {
        List<PinnedItem> pins = rows("""
                SELECT item_id, title, pinned_by, pinned_at, pin_reason FROM item_facts
                WHERE product_id = ? AND pinned_at IS NOT NULL AND status NOT IN ('ACCEPTED', 'DISCARDED')
                ORDER BY pinned_at DESC, item_id""",
                List.of(productId),
                rs -> new PinnedItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)));
        String model = rows("SELECT model FROM scoring_facts WHERE product_id = ?", List.of(productId), rs -> rs.getString(1))
                .stream().findFirst().orElse("WSJF");
        return new BacklogControl(model, pins);
    }

    List<InitiativeProgress> roadmapProgress(UUID productId) {
        return rows("""
                SELECT i.initiative_id, i.title, i.horizon, i.status, count(it.item_id),
                       count(it.item_id) FILTER (WHERE it.status = 'ACCEPTED')
                FROM initiative_facts i
                LEFT JOIN item_facts it ON it.initiative_id = i.initiative_id AND it.status <> 'DISCARDED'
                WHERE i.product_id = ?
                GROUP BY 1, 2, 3, 4
                ORDER BY CASE i.horizon WHEN 'NOW' THEN 0 WHEN 'NEXT' THEN 1 ELSE 2 END, i.title, i.initiative_id""",
                List.of(productId),
                rs -> {
                    long items = rs.getLong(5);
                    long accepted = rs.getLong(6);
                    return new InitiativeProgress(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            items, accepted, items == 0 ? BigDecimal.ZERO.setScale(2)
                            : BigDecimal.valueOf(accepted).divide(BigDecimal.valueOf(items), 2, RoundingMode.HALF_UP));
                });
    }

    public record Point(String at, BigDecimal value) {
    }

    /** A time series by HOUR or DAY over [from, to): feedback.volume, nps (of the bucket), items.accepted. */
    public List<Point> series(UUID productId, String metric, String interval, Instant from, Instant to) {
        String unit = interval.toLowerCase();
        String bucket = "date_trunc('" + unit + "', %s AT TIME ZONE 'UTC')";
        String sql = switch (metric) {
            case "feedback.volume" -> "SELECT " + bucket.formatted("occurred_at") + ", count(*) FROM feedback_facts "
                    + "WHERE product_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY 1 ORDER BY 1";
            case "nps" -> "SELECT " + bucket.formatted("occurred_at") + ", round(100.0 * (count(*) FILTER (WHERE rating >= 9)"
                    + " - count(*) FILTER (WHERE rating <= 6)) / count(*)) FROM feedback_facts "
                    + "WHERE product_id = ? AND rating IS NOT NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY 1 ORDER BY 1";
            case "items.accepted" -> "SELECT " + bucket.formatted("accepted_at") + ", count(*) FROM item_facts "
                    + "WHERE product_id = ? AND accepted_at >= ? AND accepted_at < ? GROUP BY 1 ORDER BY 1";
            default -> throw new IllegalArgumentException(metric);
        };
        return rows(sql, List.of(productId, Timestamp.from(from), Timestamp.from(to)),
                rs -> new Point(rs.getTimestamp(1).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toString(), rs.getBigDecimal(2)));
    }

    private <T> List<T> rows(String sql, List<Object> parameters, Sql.Row<T> row) {
        return db.query(sql, row, parameters.toArray());
    }
}
