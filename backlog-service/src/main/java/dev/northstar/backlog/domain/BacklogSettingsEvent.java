package dev.northstar.backlog.domain;

import java.util.UUID;

/** Everything that can happen to a product's backlog settings. Published on {@code northstar.backlog.events}, keyed by the product. */
public sealed interface BacklogSettingsEvent {

    /** The product owner changed who may accept finished work. */
    record AcceptancePolicyChanged(UUID productId, boolean allowSelfAcceptance) implements BacklogSettingsEvent {
    }

    /** The product owner chose how the backlog is scored; every open item is rescored under it (ItemRescored). */
    record ScoringModelChanged(UUID productId, ScoringModel model) implements BacklogSettingsEvent {
    }

    /**
     * The product owner let the business cases of initiatives scale the priority of their items (or stopped it); the items
     * linked to initiatives with a business case in money are reprioritized (ItemReprioritized).
     */
    record BusinessCaseScalingChanged(UUID productId, boolean enabled) implements BacklogSettingsEvent {
    }
}
