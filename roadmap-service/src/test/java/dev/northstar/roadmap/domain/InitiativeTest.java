package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeAdded;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeDropped;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeMoved;
import dev.northstar.roadmap.domain.InitiativeEvent.InitiativeStatusChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitiativeTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID THEME = UUID.randomUUID();
    static final UUID ID = UUID.randomUUID();

    static Initiative given(InitiativeEvent... history) {
        Initiative initiative = null;
        for (InitiativeEvent event : history) {
            initiative = Initiative.apply(initiative, event);
        }
        return initiative;
    }

    static InitiativeAdded added(Horizon horizon) {
        return new InitiativeAdded(ID, PRODUCT, THEME, "One-click checkout", null, horizon, null, 1024, "conversion +2%");
    }

    @Test
    void a_move_records_where_the_initiative_came_from_and_went() {
        assertThat(given(added(Horizon.LATER)).move(Horizon.NOW, "2027-Q1", 512))
                .containsExactly(new InitiativeMoved(PRODUCT, THEME, Horizon.LATER, Horizon.NOW, "2027-Q1", 512));
    }

    @Test
    void a_move_to_where_it_already_is_records_nothing() {
        assertThat(given(added(Horizon.NEXT)).move(Horizon.NEXT, null, 1024)).isEmpty();
    }

    @Test
    void a_target_quarter_must_look_like_a_quarter() {
        assertThatThrownBy(() -> given(added(Horizon.NEXT)).move(Horizon.NOW, "spring", 1))
                .isInstanceOf(RoadmapRuleViolation.InvalidValue.class).hasMessageContaining("2027-Q1");
    }

    @Test
    void status_follows_proposed_planned_in_progress_done() {
        Initiative planned = given(added(Horizon.NOW),
                new InitiativeStatusChanged(PRODUCT, THEME, InitiativeStatus.PROPOSED, InitiativeStatus.PLANNED));
        assertThat(planned.changeStatus(InitiativeStatus.IN_PROGRESS))
                .containsExactly(new InitiativeStatusChanged(PRODUCT, THEME, InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS));
        assertThatThrownBy(() -> planned.changeStatus(InitiativeStatus.DONE))
                .isInstanceOf(RoadmapRuleViolation.StatusChangeNotAllowed.class).hasMessageContaining("allowed: [PROPOSED, IN_PROGRESS]");
    }

    @Test
    void a_dropped_initiative_keeps_its_reason_and_takes_no_more_moves() {
        Initiative dropped = given(added(Horizon.NEXT), new InitiativeDropped(PRODUCT, THEME, InitiativeStatus.PROPOSED, "No demand"));
        assertThat(dropped.status()).isEqualTo(InitiativeStatus.DROPPED);
        assertThat(dropped.dropReason()).isEqualTo("No demand");
        assertThatThrownBy(() -> dropped.move(Horizon.NOW, null, 1)).isInstanceOf(RoadmapRuleViolation.Closed.class);
    }

    @Test
    void a_retired_theme_takes_no_new_initiatives() {
        Theme retired = Theme.apply(Theme.apply(null, new ThemeEvent.ThemeAdded(THEME, PRODUCT, "Growth", null, BigDecimal.ONE)),
                new ThemeEvent.ThemeRetired());
        assertThatThrownBy(() -> Initiative.add(ID, PRODUCT, retired, "x", null, Horizon.NOW, null, 1, null))
                .isInstanceOf(RoadmapRuleViolation.Closed.class);
    }

    @Test
    void rank_keys_place_an_initiative_between_its_neighbours() {
        List<Double> keys = List.of(1024.0, 2048.0, 3072.0);
        assertThat(RankKeys.at(1, keys)).isLessThan(1024.0);
        assertThat(RankKeys.at(2, keys)).isBetween(1024.0, 2048.0);
        assertThat(RankKeys.at(99, keys)).isGreaterThan(3072.0);
        assertThat(RankKeys.at(1, List.of())).isEqualTo(1024.0);
    }

    @Test
    void the_product_manager_reports_health_and_the_latest_report_is_the_initiatives_health() {
        Instant monday = Instant.parse("2026-11-30T09:00:00Z");
        Initiative open = given(added(Horizon.NOW));
        List<InitiativeEvent> report = open.reportHealth(Health.Status.AT_RISK, "  The card vault vendor slipped a week ", monday, "pm@example.com");
        assertThat(report).containsExactly(new InitiativeEvent.InitiativeHealthReported(PRODUCT, Health.Status.AT_RISK,
                "The card vault vendor slipped a week", monday, "pm@example.com"));
        Initiative atRisk = Initiative.apply(open, report.getFirst());
        assertThat(atRisk.health()).isEqualTo(new Health(Health.Status.AT_RISK, "The card vault vendor slipped a week", monday, "pm@example.com"));
        // a report with the same status still counts: the weekly "still on track"
        assertThat(atRisk.reportHealth(Health.Status.AT_RISK, "Still waiting", monday.plusSeconds(60), "pm@example.com")).hasSize(1);
        // moving it keeps its health
        assertThat(Initiative.apply(atRisk, atRisk.move(Horizon.NEXT, null, 2048).getFirst()).health()).isEqualTo(atRisk.health());

        assertThatThrownBy(() -> open.reportHealth(Health.Status.ON_TRACK, " ", monday, "pm@example.com"))
                .isInstanceOf(RoadmapRuleViolation.InvalidValue.class).hasMessageContaining("blank");
        Initiative dropped = Initiative.apply(open, open.drop("No demand").getFirst());
        assertThatThrownBy(() -> dropped.reportHealth(Health.Status.ON_TRACK, "fine", monday, "pm@example.com"))
                .isInstanceOf(RoadmapRuleViolation.Closed.class);
    }
}
