package dev.northstar.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
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

    /**
     * {@code customerId} and {@code account} are sealed with the customer's key (see {@link CustomerKeyEvent});
     * {@code customerRef} (random, one per customer of a product) and {@code accountRef} (a keyed hash of the account)
     * count and group customers and accounts without their names. Both refs are null in feedback from before they
     * existed.
     */
    record Customer(String customerId, String account, String segment, BigDecimal accountValue, UUID customerRef,
                    String accountRef) {
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

    record FeedbackLinked(UUID productId, Target target, String customerId, Sentiment sentiment, UUID customerRef)
            implements FeedbackEvent {
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

    /**
     * What shipped for feedback: an initiative done ({@code INITIATIVE_DONE}), a release shipped
     * ({@code RELEASE_SHIPPED}, for feedback linked to its initiatives) or a backlog item accepted ({@code ITEM_ACCEPTED});
     * {@code id} is the initiative, release or item.
     */
    record Shipment(String kind, UUID id, String title, Instant at) {
        public Shipment {
            present(kind, "shipment.kind");
            present(id, "shipment.id");
        }
    }

    /** Something the feedback is linked to shipped: the feedback is DONE (it was {@code from}). */
    record FeedbackAnswered(UUID productId, Shipment shipment, String from) implements FeedbackEvent {
        public FeedbackAnswered {
            present(productId, "productId");
            present(shipment, "shipment");
        }
    }

    record AnsweredFeedback(UUID feedbackId, String text) {
        public AnsweredFeedback {
            present(feedbackId, "feedback.feedbackId");
        }
    }

    /**
     * A message is due to a customer of an account (for CRM and e-mail tools): what shipped and which of their feedback
     * it answers. Key and {@code ce_subject}: the update's id; one per customer and account for each shipment.
     */
    record CustomerUpdateDue(UUID updateId, UUID productId, String customerId, String account, Shipment shipment,
                             List<AnsweredFeedback> feedback, UUID customerRef, String accountRef)
            implements FeedbackEvent {
        public CustomerUpdateDue {
            present(updateId, "updateId");
            present(productId, "productId");
            present(customerId, "customerId");
            present(shipment, "shipment");
            present(feedback, "feedback");
        }
    }

    record FeedbackTagged(Set<String> tags) implements FeedbackEvent {
    }

    record VoteCast(UUID voteId, UUID productId, Target target, String customerId, String account, BigDecimal accountValue,
                    UUID customerRef, String accountRef) implements FeedbackEvent {
        public VoteCast {
            present(voteId, "voteId");
            present(productId, "productId");
            present(target, "target");
            present(customerId, "customerId");
        }
    }

    record VoteWithdrawn(UUID productId, Target target, String customerId, UUID customerRef) implements FeedbackEvent {
        public VoteWithdrawn {
            present(productId, "productId");
            present(target, "target");
        }
    }
}
