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
     * {@code metric} (see the AsyncAPI document); {@code demand} is a list of {@link DemandTarget}.
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
