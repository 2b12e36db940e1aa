package dev.northstar.contracts.events;

import java.time.Instant;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.feedback.customer-keys}, published by feedback-service for the services that open customers'
 * sealed data (integrations-service, for webhooks). Key and {@code ce_subject}: the customer ref. The topic is
 * compacted: a customer's erasure replaces the record that carried the key.
 */
public sealed interface CustomerKeyEvent extends PublishedEvent {
    String CONTEXT = "customer-keys";

    /** A customer's data key, AES-256 wrapped (AES-GCM, base64url) under the master key. */
    record CustomerKeyIssued(UUID customerRef, UUID productId, String wrappedKey) implements CustomerKeyEvent {
        public CustomerKeyIssued {
            present(customerRef, "customerRef");
            present(productId, "productId");
            present(wrappedKey, "wrappedKey");
        }
    }

    /** The customer's key was destroyed: their sealed data reads as erased from now on. */
    record CustomerErased(UUID customerRef, UUID productId, Instant erasedAt) implements CustomerKeyEvent {
        public CustomerErased {
            present(customerRef, "customerRef");
            present(productId, "productId");
            present(erasedAt, "erasedAt");
        }
    }
}
