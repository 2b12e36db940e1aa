package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.BusinessCase.CostUnit;
import dev.northstar.roadmap.domain.BusinessCase.ValueKind;
import dev.northstar.roadmap.domain.InitiativeEvent.BusinessCaseSet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCaseTest {

    static BusinessCase money(int cost, int value, int confidence, int months) {
        return BusinessCase.of(BigDecimal.valueOf(cost), CostUnit.MONEY, BigDecimal.valueOf(value), ValueKind.REVENUE, null,
                confidence, months);
    }

    @Test
    void roi_and_payback_come_from_the_risk_adjusted_value() {
        BusinessCase saved = money(120_000, 480_000, 60, 3);   // 288,000 a year, risk-adjusted

        assertThat(saved.riskAdjustedValue()).isEqualByComparingTo("288000");
        assertThat(saved.roi()).isEqualByComparingTo("1.40");                 // (288,000 - 120,000) / 120,000
        assertThat(saved.paybackMonths()).isEqualByComparingTo("8.0");        // 3 + 120,000 / 24,000 a month
        assertThat(money(100_000, 50_000, 100, 0).roi()).isEqualByComparingTo("-0.50");
        assertThat(money(100_000, 0, 100, 0).paybackMonths()).isNull();
    }

    @Test
    void effort_or_a_key_result_delta_has_no_roi_only_value_per_cost() {
        BusinessCase effort = BusinessCase.of(BigDecimal.valueOf(12), CostUnit.PERSON_WEEKS, BigDecimal.valueOf(480_000),
                ValueKind.REVENUE, null, 50, 0);
        assertThat(effort.roi()).isNull();
        assertThat(effort.paybackMonths()).isNull();
        assertThat(effort.valuePerCost()).isEqualByComparingTo("20000");

        BusinessCase delta = BusinessCase.of(BigDecimal.valueOf(40_000), CostUnit.MONEY, BigDecimal.valueOf(8),
                ValueKind.KEY_RESULT, UUID.randomUUID(), 75, 1);
        assertThat(delta.roi()).isNull();
        assertThat(delta.riskAdjustedValue()).isEqualByComparingTo("6");
    }

    @Test
    void a_business_case_needs_a_positive_cost_a_confidence_and_a_key_result_exactly_for_key_result_value() {
        assertThatThrownBy(() -> money(0, 10, 50, 0)).hasMessageContaining("cost");
        assertThatThrownBy(() -> money(10, 10, 101, 0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> BusinessCase.of(BigDecimal.TEN, CostUnit.MONEY, BigDecimal.ONE, ValueKind.KEY_RESULT, null, 50, 0))
                .hasMessageContaining("keyResultId");
    }

    @Test
    void setting_the_same_case_again_records_nothing_and_a_closed_initiative_takes_none() {
        Initiative initiative = new Initiative(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Saved cards", null,
                Horizon.NOW, null, 1, InitiativeStatus.PLANNED, null, null, null, null);
        BusinessCaseSet set = (BusinessCaseSet) initiative.makeCase(money(120_000, 480_000, 60, 3)).getFirst();
        assertThat(set.roi()).isEqualByComparingTo("1.40");

        Initiative withCase = Initiative.apply(initiative, set);
        assertThat(withCase.makeCase(BusinessCase.of(new BigDecimal("120000.00"), CostUnit.MONEY, new BigDecimal("480000"),
                ValueKind.REVENUE, null, 60, 3))).isEmpty();
        Initiative done = Initiative.apply(withCase, new InitiativeEvent.InitiativeStatusChanged(initiative.productId(),
                initiative.themeId(), InitiativeStatus.PLANNED, InitiativeStatus.DONE));
        assertThatThrownBy(() -> done.makeCase(money(1, 1, 1, 1))).isInstanceOf(RoadmapRuleViolation.Closed.class);
    }
}
