package dev.northstar.roadmap.domain;

import java.math.BigDecimal;
import java.util.UUID;

public sealed interface ThemeEvent {
    record ThemeAdded(UUID themeId, UUID productId, String name, String description, BigDecimal weight) implements ThemeEvent {
    }

    record ThemeReweighted(BigDecimal oldWeight, BigDecimal newWeight) implements ThemeEvent {
    }

    record ThemeRetired() implements ThemeEvent {
    }
}
