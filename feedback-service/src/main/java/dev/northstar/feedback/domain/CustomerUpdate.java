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
     * The updates a shipment makes due: the feedback it answered, grouped by customer and account (in the order
     * given), one update each. {@code ids} gives each update its id (the caller makes them stable, so that deciding
     * again decides the same).
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
            UUID id = ids.of(key.get(0), account);
            due.add(new Due(id, new CustomerUpdateDue(id, productId, key.get(0), account, shipment,
                    feedback.stream().map(f -> new AnsweredFeedback(f.id(), f.text())).toList())));
        });
        return due;
    }

    @FunctionalInterface
    public interface IdOf {
        UUID of(String customerId, String account);
    }
}
