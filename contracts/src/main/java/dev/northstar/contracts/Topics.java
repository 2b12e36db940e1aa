package dev.northstar.contracts;

/** The Kafka topics Northstar services publish on. Each topic has exactly one writing service. */
public final class Topics {
    public static final String ROADMAP_EVENTS = "northstar.roadmap.events";
    public static final String BACKLOG_EVENTS = "northstar.backlog.events";
    public static final String FEEDBACK_EVENTS = "northstar.feedback.events";
    public static final String ANALYTICS_METRICS = "northstar.analytics.metrics";
    public static final String INTEGRATIONS_EVENTS = "northstar.integrations.events";
    /**
     * Customers' data keys, wrapped under the operator's master key, keyed by customer ref; an erasure replaces its
     * customer's key. Compacted, so that a destroyed key leaves the topic at the next compaction.
     */
    public static final String CUSTOMER_KEYS = "northstar.feedback.customer-keys";

    /** Topics that keep only the latest record per key. */
    public static boolean isCompacted(String topic) {
        return CUSTOMER_KEYS.equals(topic);
    }

    /** Where a consumer parks a record that can never be applied (a permanent failure), with the reason. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
