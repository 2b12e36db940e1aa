package dev.northstar.backlog.domain;

import dev.northstar.backlog.domain.BacklogSettingsEvent.AcceptancePolicyChanged;

import java.util.List;
import java.util.UUID;

/** How a product's backlog is run, as its product owner set it: one per product, with the product's id. */
public record BacklogSettings(UUID productId, AcceptancePolicy acceptance) {

    /** The settings of a product whose product owner has changed none. */
    public static BacklogSettings defaults(UUID productId) {
        return new BacklogSettings(productId, AcceptancePolicy.DEFAULT);
    }

    public static BacklogSettings apply(BacklogSettings settings, BacklogSettingsEvent event) {
        return switch (event) {
            case AcceptancePolicyChanged e -> new BacklogSettings(e.productId(), new AcceptancePolicy(e.allowSelfAcceptance()));
        };
    }

    /** Records nothing when the policy is the one in force. */
    public List<BacklogSettingsEvent> changeAcceptancePolicy(AcceptancePolicy policy) {
        return policy.equals(acceptance) ? List.of() : List.of(new AcceptancePolicyChanged(productId, policy.allowSelfAcceptance()));
    }
}
