package dev.northstar.feedback.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Published on {@code northstar.feedback.events} as {@code northstar.feedback.<Name>.v1}, keyed by feedback id. */
public sealed interface FeedbackEvent {

    record FeedbackSubmitted(UUID feedbackId, UUID productId, Source source, Customer customer, String text,
                             Integer rating, Set<String> tags, String externalId, Sentiment sentiment,
                             List<CompetitorMention> competitors, Boolean lostDeal)
            implements FeedbackEvent {
    }

    record FeedbackLinked(UUID productId, Target target, String customerId, Sentiment sentiment) implements FeedbackEvent {
    }

    record FeedbackUnlinked(UUID productId, Target target) implements FeedbackEvent {
    }

    /** Something shipped that answers the feedback: it is DONE, and the shipment is kept with it. */
    record FeedbackAnswered(UUID productId, Shipment shipment, TriageStatus from) implements FeedbackEvent {
    }

    record FeedbackTriaged(TriageStatus from, TriageStatus to) implements FeedbackEvent {
    }

    record FeedbackTagged(Set<String> tags) implements FeedbackEvent {
    }
}
