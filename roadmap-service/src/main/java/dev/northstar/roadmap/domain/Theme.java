package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ThemeEvent.ThemeAdded;
import dev.northstar.roadmap.domain.ThemeEvent.ThemeReweighted;
import dev.northstar.roadmap.domain.ThemeEvent.ThemeRetired;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A strategic theme (objective). Its weight, from 0.1 to 10 (1 = neutral), scales the priority of the
 * backlog items whose initiatives serve it.
 */
public record Theme(UUID id, UUID productId, String name, String description, BigDecimal weight, boolean retired) {
    public static final BigDecimal MIN_WEIGHT = new BigDecimal("0.1");
    public static final BigDecimal MAX_WEIGHT = BigDecimal.TEN;

    public static Theme apply(Theme theme, ThemeEvent event) {
        return switch (event) {
            case ThemeAdded e -> new Theme(e.themeId(), e.productId(), e.name(), e.description(), e.weight(), false);
            case ThemeReweighted e -> new Theme(theme.id, theme.productId, theme.name, theme.description, e.newWeight(), false);
            case ThemeRetired e -> new Theme(theme.id, theme.productId, theme.name, theme.description, theme.weight, true);
        };
    }

    public static List<ThemeEvent> add(UUID id, UUID productId, String name, String description, BigDecimal weight) {
        return List.of(new ThemeAdded(id, productId, Text.required("name", name), Text.optional(description),
                validWeight(weight == null ? BigDecimal.ONE : weight)));
    }

    public List<ThemeEvent> reweight(BigDecimal newWeight) {
        requireActive();
        BigDecimal valid = validWeight(newWeight);
        return valid.compareTo(weight) == 0 ? List.of() : List.of(new ThemeReweighted(weight, valid));
    }

    public List<ThemeEvent> retire() {
        return retired ? List.of() : List.of(new ThemeRetired());
    }

    public void requireActive() {
        if (retired) {
            throw new RoadmapRuleViolation.Closed("theme " + name + " (retired)");
        }
    }

    private static BigDecimal validWeight(BigDecimal weight) {
        if (weight.compareTo(MIN_WEIGHT) < 0 || weight.compareTo(MAX_WEIGHT) > 0 || weight.scale() > 2) {
            throw new RoadmapRuleViolation.InvalidValue("weight", "must be from 0.1 to 10 with at most 2 decimals");
        }
        return weight;
    }
}
