package dev.northstar.analytics.readmodel;

import dev.northstar.analytics.domain.KeyResultProgress;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.domain.Nps;
import dev.northstar.analytics.domain.Percentile;
import dev.northstar.contracts.KeyResultMetrics;
import dev.northstar.contracts.ObjectivePeriods;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Computes a product's metrics from the fact tables. Everything derives from facts, so a replay of the
 * events gives the same figures.
 */
@ApplicationScoped
public class MetricsQueries {
    /** The most entries a list in a metric's value holds (initiatives, competitors): a value stays well under an event's limit. */
    static final int LISTED = 50;
    /** The newest pins the backlog metric lists (each reason up to 2,000 characters). */
    static final int PINS_LISTED = 25;
    /** The targets the demand metric lists: those with the most demand (each target's own is a DemandChanged). */
    static final int DEMAND_LISTED = 100;
    /** The characters of a health report's text a metric carries. */
    static final int EXCERPT = 500;
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
                                     long accepted, BigDecimal progress, BusinessCaseFigures businessCase, HealthReport health) {
    }

    /** The product manager's latest report of how an initiative is going. */
    public record HealthReport(String status, String text, Instant reportedAt) {
    }

    /** What an initiative's business case says: cost, risk-adjusted value, ROI and payback (the latter two only in money). */
    public record BusinessCaseFigures(BigDecimal cost, String costUnit, String valueKind, int confidence,
                                      BigDecimal riskAdjustedValue, BigDecimal roi, BigDecimal paybackMonths) {
    }

    /** An open item the product owner pinned to its place in the backlog: who, when and why. */
    public record PinnedItem(UUID itemId, String title, String pinnedBy, Instant pinnedAt, String reason) {
    }

    /** How the product owner orders the backlog: the scoring model in use and the pins, newest first. */
    public record BacklogControl(String scoringModel, List<PinnedItem> pins) {
    }

    /** A key result with where it stands at an instant (see {@link KeyResultProgress}). */
    public record KeyResultStanding(UUID keyResultId, UUID objectiveId, String objective, String period, String metric,
                                    String source, String unit, BigDecimal baseline, BigDecimal target, String direction,
                                    LocalDate dueDate, boolean northStar, BigDecimal actual, Instant actualAt,
                                    BigDecimal progress, BigDecimal expectedProgress, BigDecimal trendPerDay,
                                    BigDecimal projected, KeyResultProgress.Status status) {
    }

    /** A competitor with the feedback of the last 30 days naming it, and those of them explaining a lost deal. */
    public record CompetitorMentions(UUID competitorId, String name, long mentions, long lostDeals, Instant lastMentionedAt) {
    }

    /**
     * The product's competitors, most mentioned first, and the lost deals of the last 30 days (those naming no
     * competitor counted apart).
     */
    public record Competition(List<CompetitorMentions> competitors, long lostDeals, long lostDealsNamingNoCompetitor) {
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
            case DEMAND -> listed(demand(productId));
            case DELIVERY -> delivery(productId);
            case ROADMAP_PROGRESS -> roadmapProgress(productId);
            case BACKLOG -> backlog(productId);
            case KEY_RESULTS -> keyResults(productId, clock.instant());
            case COMPETITORS -> competitors(productId);
            case RELEASE_IMPACT -> releaseImpact(productId);
        };
    }

    public boolean knows(UUID productId) {
        return !rows("""
                SELECT 1 FROM feedback_facts WHERE product_id = ? UNION ALL SELECT 1 FROM item_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM initiative_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM objective_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM competitor_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM release_facts WHERE product_id = ?
                UNION ALL SELECT 1 FROM vote_facts WHERE product_id = ? LIMIT 1""",
                List.of(productId, productId, productId, productId, productId, productId, productId), rs -> 1).isEmpty();
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
    /** The targets the demand metric lists, of all of a product's in the order {@link #demand} gives. */
    public static List<Demand> listed(List<Demand> all) {
        return all.size() <= DEMAND_LISTED ? all : List.copyOf(all.subList(0, DEMAND_LISTED));
    }

    public List<Demand> demand(UUID productId) {
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

    private static String excerpt(String text) {
        if (text == null || text.length() <= EXCERPT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(EXCERPT - 2)) ? EXCERPT - 2 : EXCERPT - 1;
        return text.substring(0, end) + "…";
    }

    /** part / whole with two decimals; null when there is no whole. */
    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    BacklogControl backlog(UUID productId) {
        List<PinnedItem> pins = rows("""
                SELECT item_id, title, pinned_by, pinned_at, pin_reason FROM item_facts
                WHERE product_id = ? AND pinned_at IS NOT NULL AND status NOT IN ('ACCEPTED', 'DISCARDED')
                ORDER BY pinned_at DESC, item_id LIMIT ?""",
                List.of(productId, PINS_LISTED),
                rs -> new PinnedItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)));
        String model = rows("SELECT model FROM scoring_facts WHERE product_id = ?", List.of(productId), rs -> rs.getString(1))
                .stream().findFirst().orElse("WSJF");
        return new BacklogControl(model, pins);
    }

    List<InitiativeProgress> roadmapProgress(UUID productId) {
        return rows("""
                SELECT i.initiative_id, i.title, i.horizon, i.status, count(it.item_id),
                       count(it.item_id) FILTER (WHERE it.status = 'ACCEPTED'),
                       i.cost, i.cost_unit, i.value_kind, i.confidence, i.risk_adjusted_value, i.roi, i.payback_months,
                       i.health_status, i.health_text, i.health_reported_at
                FROM initiative_facts i
                LEFT JOIN item_facts it ON it.initiative_id = i.initiative_id AND it.status <> 'DISCARDED'
                WHERE i.product_id = ?
                GROUP BY 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
                ORDER BY CASE i.horizon WHEN 'NOW' THEN 0 WHEN 'NEXT' THEN 1 ELSE 2 END, i.title, i.initiative_id
                LIMIT ?""",
                List.of(productId, LISTED),
                rs -> {
                    long items = rs.getLong(5);
                    long accepted = rs.getLong(6);
                    BusinessCaseFigures businessCase = rs.getBigDecimal(7) == null ? null : new BusinessCaseFigures(rs.getBigDecimal(7),
                            rs.getString(8), rs.getString(9), rs.getInt(10), rs.getBigDecimal(11), rs.getBigDecimal(12),
                            rs.getBigDecimal(13));
                    return new InitiativeProgress(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            items, accepted, items == 0 ? BigDecimal.ZERO.setScale(2)
                            : BigDecimal.valueOf(accepted).divide(BigDecimal.valueOf(items), 2, RoundingMode.HALF_UP), businessCase,
                            rs.getString(14) == null ? null : new HealthReport(rs.getString(14), excerpt(rs.getString(15)),
                                    rs.getTimestamp(16).toInstant()));
                });
    }

    /** One figure before and after a release shipped; null where the window has no data for it. */
    public record BeforeAfter(String metric, BigDecimal before, BigDecimal after) {
    }

    /**
     * A shipped release and the product's figures in the window before it ([beforeFrom, shippedAt)) and after it
     * ([shippedAt, afterTo)), each at most 30 days, clipped to the product's first data and to now.
     */
    public record ReleaseImpact(UUID releaseId, String name, Instant shippedAt, Instant beforeFrom, Instant afterTo,
                                List<UUID> initiativeIds, List<BeforeAfter> metrics) {
    }

    private record ShippedRelease(UUID id, String name, Instant shippedAt) {
    }

    /**
     * The last five releases the product shipped, newest first, each with NPS, the share of positive feedback, feedback
     * per day, feedback per day linked to the shipped initiatives (their demand), and every key result (its value when the
     * release shipped against its value at the end of the after window).
     */
    List<ReleaseImpact> releaseImpact(UUID productId) {
        Instant now = clock.instant();
        List<ShippedRelease> releases = rows("""
                SELECT release_id, name, shipped_at FROM release_facts WHERE product_id = ? AND shipped_at IS NOT NULL
                ORDER BY shipped_at DESC, release_id LIMIT 5""",
                List.of(productId), rs -> new ShippedRelease(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()));
        if (releases.isEmpty()) {
            return List.of();
        }
        Instant firstData = rows("SELECT min(occurred_at) FROM feedback_facts WHERE product_id = ?", List.of(productId),
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).getFirst();
        List<KeyResultRow> keyResults = rows("""
                SELECT k.key_result_id, k.objective_id, o.title, o.period, k.metric, k.source, k.unit, k.baseline, k.target,
                       k.due_date, k.north_star
                FROM key_result_facts k JOIN objective_facts o ON o.objective_id = k.objective_id
                WHERE k.product_id = ? AND k.removed_at IS NULL
                ORDER BY k.north_star DESC, o.period, o.title, k.defined_at, k.key_result_id""",
                List.of(productId), MetricsQueries::keyResultRow);
        List<ReleaseImpact> impacts = new ArrayList<>();
        for (ShippedRelease release : releases) {
            Instant ship = release.shippedAt();
            Instant beforeFrom = ship.minus(30, ChronoUnit.DAYS);
            if (firstData != null && firstData.isAfter(beforeFrom) && firstData.isBefore(ship)) {
                beforeFrom = firstData;
            }
            Instant afterTo = ship.plus(30, ChronoUnit.DAYS);
            if (afterTo.isAfter(now)) {
                afterTo = now;
            }
            List<UUID> initiatives = rows("SELECT initiative_id FROM release_initiatives WHERE release_id = ? ORDER BY 1",
                    List.of(release.id()), rs -> rs.getObject(1, UUID.class));
            List<BeforeAfter> metrics = new ArrayList<>();
            metrics.add(new BeforeAfter("nps", npsBetween(productId, beforeFrom, ship), npsBetween(productId, ship, afterTo)));
            metrics.add(new BeforeAfter("sentiment.positive", positiveBetween(productId, beforeFrom, ship),
                    positiveBetween(productId, ship, afterTo)));
            metrics.add(new BeforeAfter("feedback.perDay", perDay(countBetween(productId, null, beforeFrom, ship), beforeFrom, ship),
                    perDay(countBetween(productId, null, ship, afterTo), ship, afterTo)));
            metrics.add(new BeforeAfter("demand.shipped.perDay", perDay(countBetween(productId, initiatives, beforeFrom, ship), beforeFrom, ship),
                    perDay(countBetween(productId, initiatives, ship, afterTo), ship, afterTo)));
            for (KeyResultRow k : keyResults) {
                metrics.add(new BeforeAfter("keyResult:" + k.metric(), keyResultAt(productId, k, ship), keyResultAt(productId, k, afterTo)));
            }
            impacts.add(new ReleaseImpact(release.id(), release.name(), ship, beforeFrom, afterTo, initiatives, List.copyOf(metrics)));
        }
        return impacts;
    }

    private BigDecimal npsBetween(UUID productId, Instant from, Instant to) {
        return rows("""
                SELECT round(100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / nullif(count(*), 0))
                FROM feedback_facts WHERE product_id = ? AND rating IS NOT NULL AND occurred_at >= ? AND occurred_at < ?""",
                List.of(productId, Timestamp.from(from), Timestamp.from(to)), rs -> rs.getBigDecimal(1)).getFirst();
    }

    private BigDecimal positiveBetween(UUID productId, Instant from, Instant to) {
        return rows("""
                SELECT round(100.0 * count(*) FILTER (WHERE sentiment = 'POSITIVE') / nullif(count(*), 0), 1)
                FROM feedback_facts WHERE product_id = ? AND occurred_at >= ? AND occurred_at < ?""",
                List.of(productId, Timestamp.from(from), Timestamp.from(to)), rs -> rs.getBigDecimal(1)).getFirst();
    }

    /** Feedback in [from, to): all of the product's, or that linked to these initiatives. */
    private long countBetween(UUID productId, List<UUID> initiatives, Instant from, Instant to) {
        if (initiatives == null) {
            return rows("SELECT count(*) FROM feedback_facts WHERE product_id = ? AND occurred_at >= ? AND occurred_at < ?",
                    List.of(productId, Timestamp.from(from), Timestamp.from(to)), rs -> rs.getLong(1)).getFirst();
        }
        return rows("""
                SELECT count(DISTINCT f.feedback_id) FROM demand_links l JOIN feedback_facts f ON f.feedback_id = l.feedback_id
                WHERE l.product_id = ? AND l.target_id = ANY (?::uuid[]) AND f.occurred_at >= ? AND f.occurred_at < ?""",
                List.of(productId, initiatives.stream().map(UUID::toString).toArray(String[]::new), Timestamp.from(from), Timestamp.from(to)),
                rs -> rs.getLong(1)).getFirst();
    }

    /**
     * count per day of the window, two decimals; a window shorter than a day counts as one (minutes after a ship, a
     * handful of feedback is not thousands a day); null for an empty window.
     */
    private static BigDecimal perDay(long count, Instant from, Instant to) {
        double days = Duration.between(from, to).toSeconds() / 86_400.0;
        return days <= 0 ? null : BigDecimal.valueOf(count / Math.max(1.0, days)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A key result's value at an instant: the metric analytics computes, or the latest measurement dated by then. */
    private BigDecimal keyResultAt(UUID productId, KeyResultRow k, Instant at) {
        if (k.source().equals("MEASURED")) {
            return rows("""
                    SELECT value FROM measurement_facts WHERE key_result_id = ? AND measured_at <= ?
                    ORDER BY measured_at DESC LIMIT 1""",
                    List.of(k.keyResultId(), Timestamp.from(at)), rs -> rs.getBigDecimal(1)).stream().findFirst().orElse(null);
        }
        return metricAt(productId, k.metric(), at);
    }

    Competition competitors(UUID productId) {
        Timestamp since = Timestamp.from(clock.instant().minus(30, ChronoUnit.DAYS));
        List<CompetitorMentions> competitors = rows("""
                SELECT c.competitor_id, c.name, count(m.feedback_id) FILTER (WHERE m.occurred_at > ?),
                       count(m.feedback_id) FILTER (WHERE m.occurred_at > ? AND m.lost_deal), max(m.occurred_at)
                FROM competitor_facts c LEFT JOIN competitor_mentions m ON m.competitor_id = c.competitor_id
                WHERE c.product_id = ?
                GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 2, 1 LIMIT ?""",
                List.of(since, since, productId, LISTED),
                rs -> new CompetitorMentions(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()));
        return rows("""
                SELECT count(*) FILTER (WHERE f.lost_deal),
                       count(*) FILTER (WHERE f.lost_deal AND NOT EXISTS (
                           SELECT 1 FROM competitor_mentions m WHERE m.feedback_id = f.feedback_id))
                FROM feedback_facts f WHERE f.product_id = ? AND f.occurred_at > ?""",
                List.of(productId, since), rs -> new Competition(competitors, rs.getLong(1), rs.getLong(2))).getFirst();
    }

    private record KeyResultRow(UUID keyResultId, UUID objectiveId, String objective, String period, String metric,
                                String source, String unit, BigDecimal baseline, BigDecimal target, LocalDate dueDate,
                                boolean northStar) {
    }

    /**
     * The product's key results as they stood at {@code at} (the north star first, then by period and objective): those
     * defined by then and not yet removed, with their current definition, each with its actual value, progress, trend
     * and status. The actual value of a MEASURED key result is its latest measurement dated by then, and its trend runs
     * over the four weeks of measurements before that; an ANALYTICS key result is read from the facts at that instant
     * and at each of the four weeks before it.
     */
    public List<KeyResultStanding> keyResults(UUID productId, Instant at) {
        List<KeyResultRow> keyResults = rows("""
                SELECT k.key_result_id, k.objective_id, o.title, o.period, k.metric, k.source, k.unit, k.baseline, k.target,
                       k.due_date, k.north_star
                FROM key_result_facts k JOIN objective_facts o ON o.objective_id = k.objective_id
                WHERE k.product_id = ? AND k.defined_at <= ? AND (k.removed_at IS NULL OR k.removed_at > ?)
                ORDER BY k.north_star DESC, o.period, o.title, k.defined_at, k.key_result_id""",
                List.of(productId, Timestamp.from(at), Timestamp.from(at)), MetricsQueries::keyResultRow);
        return keyResults.stream().map(k -> {
            LocalDate start = ObjectivePeriods.parse(k.period()).map(ObjectivePeriods.Span::start).orElse(k.dueDate());
            KeyResultProgress standing = KeyResultProgress.of(k.baseline(), k.target(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    k.dueDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), at,
                    k.source().equals("MEASURED") ? measurements(k.keyResultId(), at) : computed(productId, k.metric(), at));
            return new KeyResultStanding(k.keyResultId(), k.objectiveId(), k.objective(), k.period(), k.metric(), k.source(),
                    k.unit(), k.baseline(), k.target(), k.target().compareTo(k.baseline()) > 0 ? "INCREASE" : "DECREASE",
                    k.dueDate(), k.northStar(), standing.actual(), standing.actualAt(), standing.progress(),
                    standing.expectedProgress(), standing.trendPerDay(), standing.projected(), standing.status());
        }).toList();
    }

    private static KeyResultRow keyResultRow(ResultSet rs) throws SQLException {
        return new KeyResultRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getDate(10).toLocalDate(), rs.getBoolean(11));
    }

    /** The latest measurement dated by {@code at} and those of the four weeks before it. */
    private List<KeyResultProgress.Sample> measurements(UUID keyResultId, Instant at) {
        List<KeyResultProgress.Sample> latest = rows("""
                SELECT measured_at, value FROM measurement_facts WHERE key_result_id = ? AND measured_at <= ?
                ORDER BY measured_at DESC LIMIT 50""",
                List.of(keyResultId, Timestamp.from(at)),
                rs -> new KeyResultProgress.Sample(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)));
        if (latest.isEmpty()) {
            return latest;
        }
        Instant since = latest.getFirst().at().minus(28, ChronoUnit.DAYS);
        return latest.stream().filter(sample -> !sample.at().isBefore(since)).toList();
    }

    /** The metric at {@code at} and at each of the four weeks before it. */
    private List<KeyResultProgress.Sample> computed(UUID productId, String metric, Instant at) {
        return IntStream.rangeClosed(0, 4)
                .mapToObj(weeksBack -> at.minus(7L * weeksBack, ChronoUnit.DAYS))
                .map(instant -> new KeyResultProgress.Sample(instant, metricAt(productId, metric, instant)))
                .toList();
    }

    /** One of the metrics analytics computes for key results ({@link KeyResultMetrics}), as it stood at an instant. */
    BigDecimal metricAt(UUID productId, String metric, Instant at) {
        Timestamp end = Timestamp.from(at);
        Timestamp month = Timestamp.from(at.minus(30, ChronoUnit.DAYS));
        List<Object> window = List.of(productId, month, end);
        String sql = switch (metric) {
            case KeyResultMetrics.NPS_30D -> """
                    SELECT round(100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6))
                                 / nullif(count(*), 0))
                    FROM feedback_facts WHERE product_id = ? AND rating IS NOT NULL AND occurred_at > ? AND occurred_at <= ?""";
            case KeyResultMetrics.FEEDBACK_VOLUME_30D -> """
                    SELECT count(*) FROM feedback_facts WHERE product_id = ? AND occurred_at > ? AND occurred_at <= ?""";
            case KeyResultMetrics.POSITIVE_SENTIMENT_30D -> """
                    SELECT round(100.0 * count(*) FILTER (WHERE sentiment = 'POSITIVE') / nullif(count(*), 0), 1)
                    FROM feedback_facts WHERE product_id = ? AND occurred_at > ? AND occurred_at <= ?""";
            case KeyResultMetrics.ITEMS_ACCEPTED_30D -> """
                    SELECT count(*) FROM item_facts WHERE product_id = ? AND accepted_at > ? AND accepted_at <= ?""";
            case KeyResultMetrics.LEAD_TIME_P50 -> """
                    SELECT round((percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - created_at)
                                  / 86400.0))::numeric, 1)
                    FROM item_facts WHERE product_id = ? AND accepted_at > ? AND accepted_at <= ?""";
            default -> null;
        };
        if (sql == null) {
            return null;
        }
        List<Object> parameters = metric.equals(KeyResultMetrics.LEAD_TIME_P50)
                ? List.of(productId, Timestamp.from(at.minus(90, ChronoUnit.DAYS)), end) : window;
        return rows(sql, parameters, rs -> rs.getBigDecimal(1)).getFirst();
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
                rs -> new Point(rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC).toString(), rs.getBigDecimal(2)));
    }

    private <T> List<T> rows(String sql, List<Object> parameters, Sql.Row<T> row) {
        return db.query(sql, row, parameters.toArray());
    }
}
