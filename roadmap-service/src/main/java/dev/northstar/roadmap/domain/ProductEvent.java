package dev.northstar.roadmap.domain;

import java.util.UUID;

public sealed interface ProductEvent {
    record ProductCreated(UUID productId, String name, String vision, String strategy, String northStarMetric)
            implements ProductEvent {
    }

    record ProductUpdated(String name, String vision, String strategy, String northStarMetric) implements ProductEvent {
    }

    record ProductStageChanged(ProductStage from, ProductStage to, String reason) implements ProductEvent {
    }
}
