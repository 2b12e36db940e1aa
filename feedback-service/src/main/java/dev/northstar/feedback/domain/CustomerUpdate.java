package dev.northstar.feedback.domain;

import dev.northstar.feedback.domain.CustomerUpdateEvent.AnsweredFeedback;
import dev.northstar.feedback.domain.CustomerUpdateEvent.CustomerUpdateDue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message due to one customer of one account: what shipped and which of their feedback it answers, for CRM and
 * e-mail tools to send. One per customer and account for each shipment.
 */
public record CustomerUpdate(UUID id, UUID productId, String customerId, String account, Shipment shipment,
                             List<AnsweredFeedback> feedback) {

    public static CustomerUpdate apply(CustomerUpdate update, CustomerUpdateEvent event) {
        return switch (event) {
            case CustomerUpdateDue e -> new CustomerUpdate(e.updateId(), e.productId(), e.customerId(), e.account(),
                    e.shipment(), List.copyOf(e.feedback()));
        };
    }

    /** A new update, with the id it is to have. */
    public record Due(UUID updateId, CustomerUpdateDue event) {
    }

    /**
     * The most feedback one update answers: each text is up to 10,000 characters (about 40 KB sealed), so an update
     * stays well under an event's limit however much one customer wrote; a customer with more gets several updates.
     */
    public static final int FEEDBACK_PER_UPDATE = 5;

    /**
     * The updates a shipment makes due: the feedback it answered, grouped by customer and account (in the order
     * given), one update each per {@value #FEEDBACK_PER_UPDATE} entries. {@code ids} gives each update its id (the
     * caller makes them stable, so that deciding again decides the same).
     */
    public static List<Due> dueFor(UUID productId, Shipment shipment, List<Feedback> answered, IdOf ids) {
        Map<List<String>, List<Feedback>> byCustomer = new LinkedHashMap<>();
        for (Feedback feedback : answered) {
            List<String> key = new ArrayList<>();
            key.add(feedback.customer().customerId());
            key.add(Objects.requireNonNullElse(feedback.customer().account(), ""));
            byCustomer.computeIfAbsent(key, k -> new ArrayList<>()).add(feedback);
        }
        List<Due> due = new ArrayList<>();
        byCustomer.forEach((key, feedback) -> {
            String account = key.get(1).isEmpty() ? null : key.get(1);
            for (int part = 0; part * FEEDBACK_PER_UPDATE < feedback.size(); part++) {
                UUID id = ids.of(key.get(0), account, part);
                List<AnsweredFeedback> answers = feedback.subList(part * FEEDBACK_PER_UPDATE,
                                Math.min(feedback.size(), (part + 1) * FEEDBACK_PER_UPDATE)).stream()
                        .map(f -> new AnsweredFeedback(f.id(), f.text())).toList();
                due.add(new Due(id, new CustomerUpdateDue(id, productId, key.get(0), account, shipment, answers)));
            }
        });
        return due;
    }

    @FunctionalInterface
    public interface IdOf {
        /** The id of a customer's update; {@code part} counts the updates of one customer for one shipment from 0. */
        UUID of(String customerId, String account, int part);
    }
}
