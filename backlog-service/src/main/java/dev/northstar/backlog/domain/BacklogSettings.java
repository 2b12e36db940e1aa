package dev.northstar.backlog.domain;

import dev.northstar.backlog.domain.BacklogSettingsEvent.AcceptancePolicyChanged;
import dev.northstar.backlog.domain.BacklogSettingsEvent.BusinessCaseScalingChanged;
import dev.northstar.backlog.domain.BacklogSettingsEvent.ScoringModelChanged;

import java.util.List;
import java.util.UUID;

/**
 * How a product's backlog is run, as its product owner set it: one per product, with the product's id.
 * {@code businessCaseScaling}: whether the ROI of an initiative's business case scales its items' priority.
 */
public record BacklogSettings(UUID productId, AcceptancePolicy acceptance, ScoringModel scoring, boolean businessCaseScaling) {

    /** The settings of a product whose product owner has changed none. */
    public static BacklogSettings defaults(UUID productId) {
        return new BacklogSettings(productId, AcceptancePolicy.DEFAULT, ScoringModel.WSJF, false);
    }

    public static BacklogSettings apply(BacklogSettings settings, BacklogSettingsEvent event) {
        BacklogSettings current = settings == null ? defaults(productOf(event)) : settings;
        return switch (event) {
            case AcceptancePolicyChanged e -> new BacklogSettings(e.productId(), new AcceptancePolicy(e.allowSelfAcceptance()),
                    current.scoring, current.businessCaseScaling);
            case ScoringModelChanged e -> new BacklogSettings(e.productId(), current.acceptance, e.model(),
                    current.businessCaseScaling);
            case BusinessCaseScalingChanged e -> new BacklogSettings(e.productId(), current.acceptance, current.scoring,
                    e.enabled());
        };
    }

    private static UUID productOf(BacklogSettingsEvent event) {
        return switch (event) {
            case AcceptancePolicyChanged e -> e.productId();
            case ScoringModelChanged e -> e.productId();
            case BusinessCaseScalingChanged e -> e.productId();
        };
    }

    /** Records nothing when the model is the one in force; refuses a model that is not well defined. */
    public List<BacklogSettingsEvent> changeScoringModel(ScoringModel model) {
        ScoringModel valid = model.validated();
        return valid.equals(scoring) ? List.of() : List.of(new ScoringModelChanged(productId, valid));
    }

    /** Records nothing when the setting is the one in force. */
    public List<BacklogSettingsEvent> scaleByBusinessCases(boolean enabled) {
        return enabled == businessCaseScaling ? List.of() : List.of(new BusinessCaseScalingChanged(productId, enabled));
    }

    /** Records nothing when the policy is the one in force. */
    public List<BacklogSettingsEvent> changeAcceptancePolicy(AcceptancePolicy policy) {
        return policy.equals(acceptance) ? List.of() : List.of(new AcceptancePolicyChanged(productId, policy.allowSelfAcceptance()));
    }
}
