package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.KeyResult.Direction;
import dev.northstar.roadmap.domain.KeyResult.Source;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultMeasured;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultRevised;
import dev.northstar.roadmap.domain.ObjectiveEvent.ObjectiveSet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectiveTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID ID = UUID.randomUUID();
    static final UUID NPS = UUID.randomUUID();
    static final UUID CHECKOUTS = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");

    static KeyResult.Draft draft(String metric, int baseline, int target) {
        return new KeyResult.Draft(metric, null, BigDecimal.valueOf(baseline), BigDecimal.valueOf(target), null, null, null);
    }

    static Objective given(ObjectiveEvent... history) {
        Objective objective = null;
        for (ObjectiveEvent event : history) {
            objective = Objective.apply(objective, event);
        }
        return objective;
    }

    static ObjectiveSet set(KeyResult.Draft... drafts) {
        List<UUID> ids = new ArrayList<>(List.of(NPS, CHECKOUTS));
        return (ObjectiveSet) Objective.set(ID, PRODUCT, "Customers love paying with us", "2027-Q1", List.of(drafts), List.of(),
                List.of(), null, () -> ids.removeFirst()).getFirst();
    }

    @Test
    void a_key_result_takes_its_direction_source_unit_and_due_date_from_what_it_measures_and_the_period() {
        ObjectiveSet set = set(draft("nps.30d", 12, 30), draft("weekly.checkouts", 5000, 4000));

        assertThat(set.keyResults()).containsExactly(
                new KeyResult(NPS, "nps.30d", Source.ANALYTICS, "NPS", BigDecimal.valueOf(12), BigDecimal.valueOf(30),
                        Direction.INCREASE, LocalDate.parse("2027-03-31"), false),
                new KeyResult(CHECKOUTS, "weekly.checkouts", Source.MEASURED, null, BigDecimal.valueOf(5000),
                        BigDecimal.valueOf(4000), Direction.DECREASE, LocalDate.parse("2027-03-31"), false));
    }

    @Test
    void periods_are_years_halves_or_quarters() {
        assertThat(ObjectivePeriod.parse("2027-H2")).isEqualTo(
                new ObjectivePeriod("2027-H2", LocalDate.parse("2027-07-01"), LocalDate.parse("2027-12-31")));
        assertThat(ObjectivePeriod.parse("2028").end()).isEqualTo(LocalDate.parse("2028-12-31"));
        assertThatThrownBy(() -> ObjectivePeriod.parse("2027-H3")).isInstanceOf(RoadmapRuleViolation.InvalidValue.class);
        assertThatThrownBy(() -> ObjectivePeriod.parse("spring")).hasMessageContaining("2027-Q3");
    }

    @Test
    void a_key_result_must_move_its_metric_in_the_direction_it_names() {
        assertThatThrownBy(() -> set(draft("nps.30d", 20, 20))).hasMessageContaining("must differ from the baseline");
        assertThatThrownBy(() -> set(new KeyResult.Draft("churn", "%", BigDecimal.TEN, BigDecimal.ONE, Direction.INCREASE,
                null, null))).isInstanceOf(RoadmapRuleViolation.InvalidValue.class).hasMessageContaining("direction");
        assertThatThrownBy(() -> set(new KeyResult.Draft("churn", "%", BigDecimal.TEN, BigDecimal.ONE, null,
                LocalDate.parse("2026-12-31"), null))).hasMessageContaining("dueDate");
    }

    @Test
    void a_product_has_one_north_star() {
        KeyResult.Draft northStar = new KeyResult.Draft("nps.30d", null, BigDecimal.ONE, BigDecimal.TEN, null, null, true);
        assertThatThrownBy(() -> set(northStar, northStar)).hasMessageContaining("only one");
        assertThatThrownBy(() -> Objective.set(ID, PRODUCT, "Grow", "2027", List.of(northStar), List.of(), List.of(),
                new Objective.NorthStarElsewhere(UUID.randomUUID(), "Retain", "weekly.active"), UUID::randomUUID))
                .isInstanceOf(RoadmapRuleViolation.NorthStarTaken.class).hasMessageContaining("weekly.active of objective Retain");
    }

    @Test
    void a_revision_lays_the_given_fields_over_the_key_result_and_an_unchanged_one_records_nothing() {
        Objective objective = given(set(draft("weekly.checkouts", 4000, 6000)));
        List<ObjectiveEvent> revised = objective.reviseKeyResult(NPS,
                new KeyResult.Draft(null, null, null, BigDecimal.valueOf(7000), null, null, true), null);

        assertThat(revised).containsExactly(new KeyResultRevised(new KeyResult(NPS, "weekly.checkouts", Source.MEASURED, null,
                BigDecimal.valueOf(4000), BigDecimal.valueOf(7000), Direction.INCREASE, LocalDate.parse("2027-03-31"), true)));
        assertThat(objective.reviseKeyResult(NPS, new KeyResult.Draft(null, null, null, new BigDecimal("6000.00"), null,
                null, null), null)).isEmpty();
    }

    @Test
    void only_key_results_measured_from_outside_take_measurements_and_none_from_the_future() {
        Objective objective = given(set(draft("nps.30d", 12, 30), draft("weekly.checkouts", 4000, 6000)));

        assertThatThrownBy(() -> objective.measure(NPS, BigDecimal.TEN, null, NOW))
                .isInstanceOf(RoadmapRuleViolation.MeasuredByAnalytics.class);
        assertThatThrownBy(() -> objective.measure(CHECKOUTS, BigDecimal.TEN, NOW.plusSeconds(3600), NOW))
                .hasMessageContaining("future");
        assertThat(objective.measure(CHECKOUTS, new BigDecimal("4630.50"), null, NOW))
                .containsExactly(new KeyResultMeasured(CHECKOUTS, new BigDecimal("4630.5"), NOW));
    }

    @Test
    void the_latest_measurement_is_the_latest_dated_not_the_latest_reported() {
        Objective objective = given(set(draft("weekly.checkouts", 4000, 6000)),
                new KeyResultMeasured(NPS, BigDecimal.valueOf(4800), NOW),
                new KeyResultMeasured(NPS, BigDecimal.valueOf(4500), NOW.minusSeconds(7 * 86400)));

        assertThat(objective.latestMeasurements().get(NPS)).isEqualTo(new Objective.Measurement(BigDecimal.valueOf(4800), NOW));
    }

    @Test
    void a_dropped_initiative_cannot_serve_an_objective() {
        Initiative dropped = new Initiative(UUID.randomUUID(), PRODUCT, UUID.randomUUID(), "Crypto", null, Horizon.LATER, null,
                1, InitiativeStatus.DROPPED, null, "no demand", null, null);
        assertThatThrownBy(() -> given(set()).link(dropped)).isInstanceOf(RoadmapRuleViolation.Closed.class);
    }
}
