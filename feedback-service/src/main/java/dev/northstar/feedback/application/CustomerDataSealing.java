package dev.northstar.feedback.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.feedback.application.CustomerKeys.CustomerKey;
import dev.northstar.platform.eventstore.PayloadProtection;
import dev.northstar.platform.privacy.SealedJson;
import dev.northstar.platform.privacy.SealedValues;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/**
 * Seals what identifies a customer (their id, account and words) with the customer's own key before an event is
 * stored and published, and adds the refs that count customers and accounts without naming them; opens it again
 * when events are read. An erased customer's values stay {@code [erased]}: no key is made for them.
 */
@ApplicationScoped
public class CustomerDataSealing implements PayloadProtection {
    /** The events that name a customer (the others carry nothing that identifies one). */
    private static final Set<String> NAMING_A_CUSTOMER = Set.of("FeedbackSubmitted", "FeedbackLinked", "VoteCast", "VoteWithdrawn",
            "CustomerUpdateDue");

    private final CustomerKeys keys;
    private final ObjectMapper json;

    public CustomerDataSealing(CustomerKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    public String protect(String eventName, String payload) {
        if (!NAMING_A_CUSTOMER.contains(eventName)) {
            return payload;
        }
        ObjectNode event = parse(payload);
        UUID productId = UUID.fromString(event.path("productId").asText());
        switch (eventName) {
            case "FeedbackSubmitted" -> {
                CustomerKey key = seal(productId, (ObjectNode) event.get("customer"));
                if (key != null) {
                    event.put("text", key.seal(event.path("text").asText()));
                }
            }
            case "FeedbackLinked", "VoteCast", "VoteWithdrawn" -> seal(productId, event);
            case "CustomerUpdateDue" -> {
                CustomerKey key = seal(productId, event);
                if (key != null) {
                    for (JsonNode answered : event.path("feedback")) {
                        ((ObjectNode) answered).put("text", key.seal(answered.path("text").asText()));
                    }
                }
            }
            default -> throw new IllegalStateException(eventName + " is not an event that names a customer");
        }
        return write(event);
    }

    @Override
    public String reveal(String payload) {
        return SealedJson.open(payload, json, keys);
    }

    /**
     * Seals {@code customerId} and {@code account} of the node that names the customer and adds {@code customerRef}
     * (and {@code accountRef}); answers the customer's key, or null for an erased customer.
     */
    private CustomerKey seal(UUID productId, ObjectNode customer) {
        String customerId = customer.path("customerId").asText();
        if (customerId.equals(SealedValues.ERASED)) {
            return null;
        }
        CustomerKey key = keys.keyFor(productId, customerId);
        customer.put("customerId", key.seal(customerId));
        customer.put("customerRef", key.ref().toString());
        if (customer.has("account")) {
            String account = customer.get("account").isNull() ? null : customer.get("account").asText();
            customer.put("account", key.seal(account));
            customer.put("accountRef", keys.accountRef(productId, account));
        }
        return key;
    }

    private ObjectNode parse(String payload) {
        try {
            return (ObjectNode) json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload is not JSON", e);
        }
    }

    private String write(JsonNode event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not writable", e);
        }
    }
}
