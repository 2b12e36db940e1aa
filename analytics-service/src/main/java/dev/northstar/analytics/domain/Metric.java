package dev.northstar.analytics.domain;

import java.util.List;

/** The metrics analytics keeps per product; each is one key on the metrics topic and one event on the stream. */
public enum Metric {
    FEEDBACK_VOLUME("feedback.volume"),
    NPS("nps.30d"),
    SENTIMENT("sentiment.30d"),
    DEMAND("demand"),
    DELIVERY("delivery"),
    ROADMAP_PROGRESS("roadmap.progress");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The metrics an event of this name can change. */
    public static List<Metric> changedBy(String eventName) {
        return switch (eventName) {
            case "FeedbackSubmitted" -> List.of(FEEDBACK_VOLUME, NPS, SENTIMENT);
            case "FeedbackLinked", "FeedbackUnlinked", "VoteCast", "VoteWithdrawn" -> List.of(DEMAND);
            case "ItemCreated", "ItemMadeReady", "ItemReturnedToNew", "WorkStarted", "WorkPaused", "WorkFinished",
                 "ItemAccepted", "ItemRejected", "ItemLinkedToInitiative", "ItemUnlinkedFromInitiative" ->
                    List.of(DELIVERY, ROADMAP_PROGRESS);
            case "ItemDetailsEdited" -> List.of(DEMAND);
            case "InitiativeAdded", "InitiativeEdited", "InitiativeMoved", "InitiativeStatusChanged", "InitiativeDropped" ->
                    List.of(ROADMAP_PROGRESS, DEMAND);
            default -> List.of();
        };
    }
}
