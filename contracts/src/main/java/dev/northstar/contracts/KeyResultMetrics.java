package dev.northstar.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics analytics-service computes for a key result by itself, with their units. A key result on any other
 * metric (weekly checkouts, revenue) is measured from outside: tools post its measurements to roadmap-service.
 */
public final class KeyResultMetrics {

    /** NPS of the ratings of the last 30 days, -100 to 100. */
    public static final String NPS_30D = "nps.30d";
    /** Feedback received in the last 30 days. */
    public static final String FEEDBACK_VOLUME_30D = "feedback.volume.30d";
    /** Share of the last 30 days' feedback with positive sentiment, in percent. */
    public static final String POSITIVE_SENTIMENT_30D = "sentiment.positive.30d";
    /** Backlog items accepted in the last 30 days. */
    public static final String ITEMS_ACCEPTED_30D = "items.accepted.30d";
    /** Median days from an item's creation to its acceptance, over the items accepted in the last 90 days. */
    public static final String LEAD_TIME_P50 = "delivery.leadTime.p50";

    private static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put(NPS_30D, "NPS");
        UNITS.put(FEEDBACK_VOLUME_30D, "feedback");
        UNITS.put(POSITIVE_SENTIMENT_30D, "%");
        UNITS.put(ITEMS_ACCEPTED_30D, "items");
        UNITS.put(LEAD_TIME_P50, "days");
    }

    public static boolean computedByAnalytics(String metric) {
        return UNITS.containsKey(metric);
    }

    public static Optional<String> unitOf(String metric) {
        return Optional.ofNullable(UNITS.get(metric));
    }

    public static Iterable<String> all() {
        return UNITS.keySet();
    }

    private KeyResultMetrics() {
    }
}
