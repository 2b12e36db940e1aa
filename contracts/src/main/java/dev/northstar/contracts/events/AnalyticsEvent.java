package dev.northstar.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.analytics.metrics}, published by analytics-service on a compacted topic. Key:
 * {@code <productId>/<metric>}, so the topic keeps the latest value of every metric; {@code ce_subject}: the metric.
 */
public sealed interface AnalyticsEvent extends PublishedEvent {
    String CONTEXT = "analytics";

    /**
     * A metric's whole new value and the (last) event that changed it. The shape of {@code value} depends on
     * {@code metric} (see the AsyncAPI document); {@code demand} is a list of {@link DemandTarget}, the 100 targets with
     * the most demand (every target's own is a {@link DemandChanged}).
     */
    record MetricChanged(UUID productId, String metric, Object value, Instant at, String causedBy, String causedByType)
            implements AnalyticsEvent {
        public static final String DEMAND = "demand";

        public MetricChanged {
            present(productId, "productId");
            present(metric, "metric");
            present(at, "at");
        }
    }

    /**
     * The demand of one initiative or item changed (key {@code <productId>/demand/<targetId>}, {@code ce_subject} the
     * target): what the backlog adds to an item's business value. Published for every target whose demand changed,
     * with zeros once a target has none left, so that no event grows with a product's targets; the {@code demand}
     * metric lists only the first of them for dashboards.
     */
    record DemandChanged(UUID productId, String targetType, UUID targetId, long feedback, long uniqueCustomers, long votes,
                         long accounts, BigDecimal accountValue, Instant at, String causedBy, String causedByType)
            implements AnalyticsEvent {
        public DemandChanged {
            present(productId, "productId");
            present(targetType, "targetType");
            present(targetId, "targetId");
            present(accountValue, "accountValue");
            present(at, "at");
        }
    }

    /** One entry of the {@code demand} metric: who asks for an initiative or item. */
    record DemandTarget(String targetType, UUID targetId, String title, long feedback, long uniqueCustomers, long votes,
                        long accounts, BigDecimal accountValue) {
        public DemandTarget {
            present(targetType, "targetType");
            present(targetId, "targetId");
            present(accountValue, "accountValue");
        }
    }
}
