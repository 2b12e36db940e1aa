package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.InitiativeEvent.BusinessCaseSet;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeAdded;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeDropped;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeEdited;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeHealthReported;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeMoved;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeStatusChanged;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An initiative on the roadmap: a bet in a horizon (NOW, NEXT, LATER, optionally a target quarter),
 * serving a theme, ranked within its horizon by {@code rankKey} (lower first).
 */
public record Initiative(UUID id, UUID productId, UUID themeId, String title, String description, Horizon horizon,
                         String targetQuarter, double rankKey, InitiativeStatus status, String successMetric,
                         String dropReason, BusinessCase businessCase, Health health) {
    private static final Pattern QUARTER = Pattern.compile("^\\d{4}-Q[1-4]$");

    public static Initiative apply(Initiative i, InitiativeEvent event) {
        return switch (event) {
            case InitiativeAdded e -> new Initiative(e.initiativeId(), e.productId(), e.themeId(), e.title(), e.description(),
                    e.horizon(), e.targetQuarter(), e.rankKey(), InitiativeStatus.PROPOSED, e.successMetric(), null, null, null);
            case InitiativeEdited e -> new Initiative(i.id, i.productId, e.themeId(), e.title(), e.description(), i.horizon,
                    i.targetQuarter, i.rankKey, i.status, e.successMetric(), null, i.businessCase, i.health);
            case InitiativeMoved e -> new Initiative(i.id, i.productId, i.themeId, i.title, i.description, e.toHorizon(),
                    e.targetQuarter(), e.rankKey(), i.status, i.successMetric, null, i.businessCase, i.health);
            case InitiativeStatusChanged e -> new Initiative(i.id, i.productId, i.themeId, i.title, i.description, i.horizon,
                    i.targetQuarter, i.rankKey, e.to(), i.successMetric, null, i.businessCase, i.health);
            case InitiativeDropped e -> new Initiative(i.id, i.productId, i.themeId, i.title, i.description, i.horizon,
                    i.targetQuarter, i.rankKey, InitiativeStatus.DROPPED, i.successMetric, e.reason(), i.businessCase, i.health);
            case BusinessCaseSet e -> new Initiative(i.id, i.productId, i.themeId, i.title, i.description, i.horizon,
                    i.targetQuarter, i.rankKey, i.status, i.successMetric, i.dropReason, e.businessCase(), i.health);
            case InitiativeHealthReported e -> new Initiative(i.id, i.productId, i.themeId, i.title, i.description, i.horizon,
                    i.targetQuarter, i.rankKey, i.status, i.successMetric, i.dropReason, i.businessCase,
                    new Health(e.status(), e.text(), e.reportedAt(), e.reportedBy()));
        };
    }

    public static List<InitiativeEvent> add(UUID id, UUID productId, Theme theme, String title, String description,
                                            Horizon horizon, String targetQuarter, double rankKey, String successMetric) {
        theme.requireActive();
        Objects.requireNonNull(horizon, "horizon");
        return List.of(new InitiativeAdded(id, productId, theme.id(), Text.required("title", title), Text.optional(description),
                horizon, quarter(targetQuarter), rankKey, Text.optional(successMetric)));
    }

    /** Null arguments keep the current value; {@code newTheme} must be an active theme of the product. */
    public List<InitiativeEvent> edit(Theme newTheme, String newTitle, String newDescription, String newMetric) {
        requireOpen();
        if (newTheme != null) {
            newTheme.requireActive();
        }
        InitiativeEdited edited = new InitiativeEdited(
                newTheme == null ? themeId : newTheme.id(),
                newTitle == null ? title : Text.required("title", newTitle),
                newDescription == null ? description : Text.optional(newDescription),
                newMetric == null ? successMetric : Text.optional(newMetric));
        boolean unchanged = edited.themeId().equals(themeId) && edited.title().equals(title)
                && Objects.equals(edited.description(), description) && Objects.equals(edited.successMetric(), successMetric);
        return unchanged ? List.of() : List.of(edited);
    }

    public List<InitiativeEvent> move(Horizon to, String newTargetQuarter, double newRankKey) {
        requireOpen();
        String quarter = newTargetQuarter == null && to == horizon ? targetQuarter : quarter(newTargetQuarter);
        if (to == horizon && newRankKey == rankKey && Objects.equals(quarter, targetQuarter)) {
            return List.of();
        }
        return List.of(new InitiativeMoved(productId, themeId, horizon, to, quarter, newRankKey));
    }

    public List<InitiativeEvent> changeStatus(InitiativeStatus to) {
        if (to == status) {
            return List.of();
        }
        if (!status.allowedNext().contains(to)) {
            throw new RoadmapRuleViolation.StatusChangeNotAllowed(status, to);
        }
        return List.of(new InitiativeStatusChanged(productId, themeId, status, to));
    }

    public List<InitiativeEvent> drop(String reason) {
        if (status == InitiativeStatus.DROPPED) {
            return List.of();
        }
        requireOpen();
        return List.of(new InitiativeDropped(productId, themeId, status, Text.required("reason", reason)));
    }

    /** Records the business case with what it derives (ROI and payback), unless it is the one the initiative has. */
    public List<InitiativeEvent> makeCase(BusinessCase proposed) {
        requireOpen();
        if (proposed.equals(businessCase)) {
            return List.of();
        }
        return List.of(new BusinessCaseSet(productId, proposed, proposed.riskAdjustedValue(), proposed.roi(),
                proposed.paybackMonths()));
    }

    /**
     * The product manager reports how the initiative is going (every report counts, a repeated "still on track"
     * too); a done or dropped initiative has no health to report.
     */
    public List<InitiativeEvent> reportHealth(Health.Status status, String text, Instant at, String by) {
        requireOpen();
        Objects.requireNonNull(status, "status");
        return List.of(new InitiativeHealthReported(productId, status, Text.required("text", text), at, by));
    }

    /** A dropped initiative can be neither scheduled, compared nor linked to an objective (a done one can). */
    public void requireNotDropped() {
        if (status == InitiativeStatus.DROPPED) {
            throw new RoadmapRuleViolation.Closed("initiative " + title + " (DROPPED)");
        }
    }

    private void requireOpen() {
        if (status.isFinal()) {
            throw new RoadmapRuleViolation.Closed("initiative " + title + " (" + status + ")");
        }
    }

    private static String quarter(String quarter) {
        if (quarter == null || quarter.isBlank()) {
            return null;
        }
        if (!QUARTER.matcher(quarter.strip()).matches()) {
            throw new RoadmapRuleViolation.InvalidValue("targetQuarter", "must look like 2027-Q1");
        }
        return quarter.strip();
    }
}
