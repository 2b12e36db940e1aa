package dev.northstar.backlog.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoadmapContextTest {

    static BigDecimal factor(String roi) {
        return new RoadmapContext(UUID.randomUUID(), "NOW", "PLANNED", UUID.randomUUID(), BigDecimal.ONE,
                roi == null ? null : new BigDecimal(roi)).businessCaseFactor();
    }

    @Test
    void the_business_case_factor_is_one_plus_a_quarter_of_the_roi_between_a_half_and_two() {
        assertThat(factor(null)).isEqualByComparingTo("1");
        assertThat(factor("0")).isEqualByComparingTo("1");
        assertThat(factor("1.40")).isEqualByComparingTo("1.35");
        assertThat(factor("-0.50")).isEqualByComparingTo("0.87");
        assertThat(factor("9")).isEqualByComparingTo("2");
        assertThat(factor("-5")).isEqualByComparingTo("0.5");
    }
}
