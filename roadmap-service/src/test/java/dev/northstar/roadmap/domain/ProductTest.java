package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ProductEvent.ProductCreated;
import dev.northstar.roadmap.domain.ProductEvent.ProductStageChanged;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductTest {
    static final Product CREATED = Product.apply(null, new ProductCreated(UUID.randomUUID(), "Pay", null, null, null));

    @Test
    void a_product_starts_in_ideation_and_moves_to_any_stage_with_a_reason() {
        assertThat(CREATED.stage()).isEqualTo(ProductStage.IDEATION);
        assertThat(CREATED.moveTo(ProductStage.MATURITY, "Bought a mature product"))
                .containsExactly(new ProductStageChanged(ProductStage.IDEATION, ProductStage.MATURITY, "Bought a mature product"));
        assertThat(CREATED.moveTo(ProductStage.IDEATION, "Still")).isEmpty();
        assertThatThrownBy(() -> CREATED.moveTo(ProductStage.GROWTH, " ")).hasMessageContaining("reason");
    }

    @Test
    void nothing_leads_out_of_retirement_and_a_retired_product_takes_no_edits() {
        Product retired = Product.apply(CREATED, new ProductStageChanged(ProductStage.DECLINE, ProductStage.RETIRED, "Sunset"));
        assertThatThrownBy(() -> retired.moveTo(ProductStage.GROWTH, "Revival")).isInstanceOf(RoadmapRuleViolation.Closed.class);
        assertThatThrownBy(() -> retired.update("New name", null, null, null)).isInstanceOf(RoadmapRuleViolation.Closed.class);
        assertThat(retired.stageReason()).isEqualTo("Sunset");
    }
}
