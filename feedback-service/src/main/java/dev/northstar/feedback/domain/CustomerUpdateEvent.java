package dev.northstar.feedback.domain;

import java.util.List;
import java.util.UUID;

/** What happens to a customer update: it falls due when something shipped that answers the customer's feedback. */
public sealed interface CustomerUpdateEvent {

    /** One piece of the customer's feedback the shipment answers, with its text for the message to the customer. */
    record AnsweredFeedback(UUID feedbackId, String text) {
    }

    record CustomerUpdateDue(UUID updateId, UUID productId, String customerId, String account, Shipment shipment,
                             List<AnsweredFeedback> feedback) implements CustomerUpdateEvent {
    }
}
