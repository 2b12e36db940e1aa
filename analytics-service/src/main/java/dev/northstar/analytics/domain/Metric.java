package dev.northstar.analytics.domain;

/** The metrics analytics keeps per product; each is one key on the metrics topic and one event on the stream. */
public enum Metric {
    FEEDBACK_VOLUME("feedback.volume"),
    NPS("nps.30d"),
    SENTIMENT("sentiment.30d"),
    DEMAND("demand"),
    DELIVERY("delivery"),
    ROADMAP_PROGRESS("roadmap.progress"),
    BACKLOG("backlog"),
    KEY_RESULTS("keyResults"),
    COMPETITORS("competitors.30d"),
    RELEASE_IMPACT("releases.impact");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Metric ofKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("no metric " + key);
    }
}
