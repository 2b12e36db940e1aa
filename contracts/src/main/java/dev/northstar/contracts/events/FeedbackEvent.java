package dev.northstar.contracts.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.feedback.events}, published by feedback-service. Key and {@code ce_subject}: the feedback or
 * vote id. Sources are IN_APP, EMAIL, SUPPORT, SURVEY, SALES, OTHER; target types INITIATIVE, BACKLOG_ITEM;
 * sentiment labels NEGATIVE, NEUTRAL, POSITIVE (strings, so that a new value does not break a reader).
 */
public sealed interface FeedbackEvent extends PublishedEvent {
    String CONTEXT = "feedback";

    record Customer(String customerId, String account, String segment, BigDecimal accountValue) {
        public Customer {
            present(customerId, "customer.customerId");
        }
    }

    record Target(String type, UUID id) {
        public Target {
            present(type, "target.type");
            present(id, "target.id");
        }
    }

    record Sentiment(BigDecimal score, String label) {
        public Sentiment {
            present(label, "sentiment.label");
        }
    }

    /** A competitor the feedback names: named by the submitter ({@code detected} false) or found in its text. */
    record CompetitorMention(UUID competitorId, String name, boolean detected) {
    }

    /** {@code competitors} and {@code lostDeal} may be null in feedback from before they existed (none, false). */
    record FeedbackSubmitted(UUID feedbackId, UUID productId, String source, Customer customer, String text, Integer rating,
                             Set<String> tags, String externalId, Sentiment sentiment, List<CompetitorMention> competitors,
                             Boolean lostDeal) implements FeedbackEvent {
        public FeedbackSubmitted {
            present(feedbackId, "feedbackId");
            present(productId, "productId");
            present(customer, "customer");
            present(text, "text");
            present(sentiment, "sentiment");
        }
    }

    record FeedbackLinked(UUID productId, Target target, String customerId, Sentiment sentiment) implements FeedbackEvent {
        public FeedbackLinked {
            present(productId, "productId");
            present(target, "target");
        }
    }

    record FeedbackUnlinked(UUID productId, Target target) implements FeedbackEvent {
        public FeedbackUnlinked {
            present(productId, "productId");
            present(target, "target");
        }
    }

    record FeedbackTriaged(String from, String to) implements FeedbackEvent {
    }

    record FeedbackTagged(Set<String> tags) implements FeedbackEvent {
    }

    record VoteCast(UUID voteId, UUID productId, Target target, String customerId, String account, BigDecimal accountValue)
            implements FeedbackEvent {
        public VoteCast {
            present(voteId, "voteId");
            present(productId, "productId");
            present(target, "target");
            present(customerId, "customerId");
        }
    }

    record VoteWithdrawn(UUID productId, Target target, String customerId) implements FeedbackEvent {
        public VoteWithdrawn {
            present(productId, "productId");
            present(target, "target");
        }
    }
}
