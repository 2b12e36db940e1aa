package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ProductEvent.ProductCreated;
import dev.northstar.roadmap.domain.ProductEvent.ProductStageChanged;
import dev.northstar.roadmap.domain.ProductEvent.ProductUpdated;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A product: what the roadmap is for. The north-star metric is the one number its success is read from; the stage is
 * where it is in its life cycle (IDEATION when created), with the reason it was moved there.
 */
public record Product(UUID id, String name, String vision, String strategy, String northStarMetric, ProductStage stage,
                      String stageReason) {

    /** Products recorded before stages existed read as IDEATION. */
    @Override
    public ProductStage stage() {
        return stage == null ? ProductStage.IDEATION : stage;
    }

    public static Product apply(Product product, ProductEvent event) {
        return switch (event) {
            case ProductCreated e -> new Product(e.productId(), e.name(), e.vision(), e.strategy(), e.northStarMetric(),
                    ProductStage.IDEATION, null);
            case ProductUpdated e -> new Product(product.id(), e.name(), e.vision(), e.strategy(), e.northStarMetric(),
                    product.stage, product.stageReason);
            case ProductStageChanged e -> new Product(product.id(), product.name, product.vision, product.strategy,
                    product.northStarMetric, e.to(), e.reason());
        };
    }

    /** Moves the product to another stage of its life cycle, with the reason; none leads out of RETIRED. */
    public List<ProductEvent> moveTo(ProductStage to, String reason) {
        if (stage() == ProductStage.RETIRED) {
            throw new RoadmapRuleViolation.Closed("product " + name + " (RETIRED)");
        }
        String why = Text.required("reason", reason);
        return to == stage() ? List.of() : List.of(new ProductStageChanged(stage(), to, why));
    }

    public static List<ProductEvent> create(UUID id, String name, String vision, String strategy, String northStarMetric) {
        return List.of(new ProductCreated(id, Text.required("name", name), Text.optional(vision), Text.optional(strategy),
                Text.optional(northStarMetric)));
    }

    /** Null arguments keep the current value. */
    public List<ProductEvent> update(String newName, String newVision, String newStrategy, String newMetric) {
        if (stage() == ProductStage.RETIRED) {
            throw new RoadmapRuleViolation.Closed("product " + name + " (RETIRED)");
        }
        ProductUpdated updated = new ProductUpdated(
                newName == null ? name : Text.required("name", newName),
                newVision == null ? vision : Text.optional(newVision),
                newStrategy == null ? strategy : Text.optional(newStrategy),
                newMetric == null ? northStarMetric : Text.optional(newMetric));
        boolean unchanged = Objects.equals(updated.name(), name) && Objects.equals(updated.vision(), vision)
                && Objects.equals(updated.strategy(), strategy) && Objects.equals(updated.northStarMetric(), northStarMetric);
        return unchanged ? List.of() : List.of(updated);
    }
}
