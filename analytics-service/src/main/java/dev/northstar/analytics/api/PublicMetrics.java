package dev.northstar.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.analytics.domain.Metric;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics a public share link shows: those about the product's customers and delivery, never money, accounts,
 * staff or competitors. Demand (account values), the backlog (pins by staff, with reasons), competitors and key
 * results stay inside; roadmap progress loses its business cases and health reports.
 */
@ApplicationScoped
public class PublicMetrics {
    static final Set<String> SHOWN = Set.of(Metric.FEEDBACK_VOLUME.key(), Metric.NPS.key(), Metric.SENTIMENT.key(),
            Metric.DELIVERY.key(), Metric.ROADMAP_PROGRESS.key(), Metric.RELEASE_IMPACT.key());
    private static final List<String> INTERNAL_OF_AN_INITIATIVE = List.of("businessCase", "health");

    private final ObjectMapper json;

    public PublicMetrics(ObjectMapper json) {
        this.json = json;
    }

    /** The public metrics of a snapshot, each value public. */
    public Map<String, Object> snapshot(Map<String, Object> metrics) {
        Map<String, Object> shown = new LinkedHashMap<>();
        metrics.forEach((metric, value) -> {
            if (SHOWN.contains(metric)) {
                shown.put(metric, publicValue(metric, json.valueToTree(value)));
            }
        });
        return shown;
    }

    /** Whether a public link sees a change on the stream. */
    public static boolean shows(JsonNode change) {
        return SHOWN.contains(change.path("metric").asText());
    }

    /** A change a public link sees, as it sees it: a public value, and not which event caused it. */
    public JsonNode change(JsonNode change) {
        ObjectNode shown = change.deepCopy();
        shown.set("value", publicValue(change.path("metric").asText(), shown.path("value")));
        shown.remove(List.of("causedBy", "causedByType"));
        return shown;
    }

    private static JsonNode publicValue(String metric, JsonNode value) {
        if (metric.equals(Metric.ROADMAP_PROGRESS.key())) {
            value.forEach(initiative -> ((ObjectNode) initiative).remove(INTERNAL_OF_AN_INITIATIVE));
        }
        return value;
    }
}
