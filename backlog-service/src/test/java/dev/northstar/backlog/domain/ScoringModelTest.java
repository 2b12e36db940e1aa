package dev.northstar.backlog.domain;

import dev.northstar.backlog.domain.BacklogItemEvent.CostOfDelayAssessed;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemCreated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDiscarded;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemEstimated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemLinkedToInitiative;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemPinned;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRescored;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRestored;
import dev.northstar.backlog.domain.BacklogItemEvent.ScoringInputsSet;
import dev.northstar.backlog.domain.BacklogRuleViolation.InvalidValue;
import dev.northstar.backlog.domain.BacklogSettingsEvent.ScoringModelChanged;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static dev.northstar.backlog.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringModelTest {
    static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID PRODUCT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID INITIATIVE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final ScoringModel RICE = ScoringModel.of(ScoringModel.Kind.RICE);
    static final ScoringModel ICE = ScoringModel.of(ScoringModel.Kind.ICE);
    static final PriorityCause CHANGED = new PriorityCause(UUID.fromString("00000000-0000-0000-0000-00000000beef"),
            "northstar.backlog.ScoringModelChanged.v1");
    static final ScoringModel WEIGHTED = new ScoringModel(ScoringModel.Kind.WEIGHTED, List.of(
            new ScoringField("revenue", ScoringField.Type.NUMBER, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TWO, Map.of()),
            new ScoringField("segment", ScoringField.Type.SELECT, null, null, BigDecimal.ONE,
                    Map.of("enterprise", new BigDecimal("5"), "smb", BigDecimal.TWO)),
            new ScoringField("effort", ScoringField.Type.NUMBER, BigDecimal.ONE, new BigDecimal("20"), BigDecimal.ONE, Map.of())),
            "effort");

    static ItemCreated created(ScoringModel model) {
        return new ItemCreated(ITEM, PRODUCT, ItemType.STORY, "Save a card", null, Set.of(), model);
    }

    static ScoreInputs numbers(Object... nameValues) {
        Map<String, BigDecimal> numbers = new TreeMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            numbers.put((String) nameValues[i], new BigDecimal(nameValues[i + 1].toString()));
        }
        return new ScoreInputs(numbers, Map.of());
    }

    static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    /** An open item scoring {@code reach} under RICE (impact 1, confidence 100, effort 1). */
    static BacklogItem item(UUID id, int reach) {
        return BacklogItem.replay(List.of(new ItemCreated(id, PRODUCT, ItemType.STORY, "Item", null, Set.of()),
                new ScoringInputsSet(numbers("reach", reach, "impact", 1, "confidence", 100, "effort", 1))));
    }

    static BacklogItem pinnedItem(UUID id, int reach, PinPlace place, String key) {
        return BacklogItem.apply(item(id, reach), new ItemPinned(new BigDecimal(key), place, "why", "po", NOON));
    }

    static ScoringInputsSet rice() {
        return new ScoringInputsSet(numbers("reach", 2000, "impact", 2, "confidence", 80, "effort", 4));
    }

    @Nested
    class Models {
        @Test
        void rice_is_reach_times_impact_times_confidence_over_effort() {
            BacklogItem item = BacklogItem.replay(List.of(created(RICE), rice()));
            // 2000 x 2 x 0.8 / 4
            assertThat(item.priority().score()).isEqualByComparingTo("800.00");
            assertThat(item.priority().modelScore().inputs()).containsEntry("reach", new BigDecimal("2000"));
            assertThat(item.priority().model().formula()).startsWith("score = reach x impact x confidence% / effort x themeWeight");
        }

        @Test
        void ice_multiplies_its_three_inputs() {
            BacklogItem item = BacklogItem.replay(List.of(created(ICE),
                    new ScoringInputsSet(numbers("impact", 8, "confidence", 5, "ease", 3))));
            assertThat(item.priority().score()).isEqualByComparingTo("120.00");
        }

        @Test
        void weighted_sums_the_products_fields_by_weight_and_divides_by_the_effort_field() {
            BacklogItem item = BacklogItem.replay(List.of(created(WEIGHTED), new ScoringInputsSet(
                    new ScoreInputs(Map.of("revenue", new BigDecimal("6"), "effort", new BigDecimal("4")), Map.of("segment", "enterprise")))));
            // (2 x 6 + 1 x 5) / 4
            assertThat(item.priority().score()).isEqualByComparingTo("4.25");
            assertThat(WEIGHTED.formula()).isEqualTo("score = (2 x revenue + 1 x segment) / effort"
                    + " x themeWeight x initiativeStatusFactor x businessCaseFactor x horizonFactor x demandFactor");
        }

        @Test
        void missing_inputs_are_named_and_leave_the_item_unscored() {
            BacklogItem item = BacklogItem.replay(List.of(created(RICE), new ScoringInputsSet(numbers("reach", 10))));
            assertThat(item.priority().score()).isNull();
            assertThat(item.priority().missing()).containsExactly("impact", "confidence", "effort");
            assertThat(item.sortKey()).isEqualByComparingTo("-1");
        }

        @Test
        void the_roadmap_and_customer_demand_keep_their_effect_in_every_model() {
            RoadmapContext now = new RoadmapContext(INITIATIVE, "NOW", "PLANNED", null, new BigDecimal("2"));
            BacklogItem item = BacklogItem.replay(List.of(created(RICE), rice(), new ItemLinkedToInitiative(INITIATIVE, now)));
            // 800 x 2 (theme) x 1.5 (NOW) x (1 + 5/20) for 5 accounts
            assertThat(item.priorityWith(new DemandSignal(5)).score()).isEqualByComparingTo("3000.00");
            ModelScore explained = item.priorityWith(new DemandSignal(5)).modelScore();
            assertThat(explained.horizonFactor()).isEqualByComparingTo("1.5");
            assertThat(explained.demandFactor()).isEqualByComparingTo("1.25");
            assertThat(explained.base()).isEqualByComparingTo("800");
        }
    }

    @Nested
    class Inputs {
        @Test
        void inputs_are_checked_against_the_products_model() {
            given(created(RICE)).when(item -> item.setScoringInputs(numbers("reach", 100, "confidence", 120), RICE))
                    .thenFails(InvalidValue.class, "confidence must be from 0 to 100, was 120");
            given(created(RICE)).when(item -> item.setScoringInputs(numbers("ease", 3), RICE))
                    .thenFails(InvalidValue.class, "ease is not an input of RICE [reach, impact, confidence, effort]");
            given(created(WEIGHTED)).when(item -> item.setScoringInputs(new ScoreInputs(Map.of(), Map.of("segment", "startup")), WEIGHTED))
                    .thenFails(InvalidValue.class, "segment must be one of [enterprise, smb], was startup");
            given(created(null)).when(item -> item.setScoringInputs(numbers("reach", 1), ScoringModel.WSJF))
                    .thenFails(InvalidValue.class, "scores by WSJF");
        }

        @Test
        void inputs_lay_over_those_the_item_had_and_repeating_them_records_nothing() {
            given(created(RICE), rice()).when(item -> item.setScoringInputs(numbers("reach", 2000), RICE)).thenNothingHappens();
            BacklogItem item = BacklogItem.replay(List.of(created(RICE), rice(), new ScoringInputsSet(numbers("reach", 500))));
            assertThat(item.inputs().numbers()).containsEntry("reach", new BigDecimal("500")).containsEntry("effort", new BigDecimal("4"));
        }
    }

    @Nested
    class ModelChanges {
        @Test
        void a_new_model_rescores_an_open_item_with_its_cause_and_ranks() {
            given(created(null), new ItemEstimated(2), new CostOfDelayAssessed(5, 3, 2), rice())
                    .when(item -> item.rescore(RICE, 4, 1, CHANGED))
                    .then(new ItemRescored(RICE, new BigDecimal("5.00"), new BigDecimal("800.00"), 4, 1, CHANGED, false));
            BacklogItem rescored = BacklogItem.replay(List.of(created(null), rice(),
                    new ItemRescored(RICE, null, new BigDecimal("800.00"), 4, 1, CHANGED, false)));
            assertThat(rescored.model()).isEqualTo(RICE);
            assertThat(rescored.priority().score()).isEqualByComparingTo("800.00");
        }

        @Test
        void pins_are_placed_again_at_their_places_among_the_new_models_scores() {
            UUID top = UUID.randomUUID();
            UUID anchor = UUID.randomUUID();
            UUID pinnedFirst = UUID.randomUUID();
            UUID pinnedAbove = UUID.randomUUID();
            // today, by WSJF: pinnedFirst (pinned at 1), top, pinnedAbove (pinned above anchor), anchor
            List<BacklogItem> today = List.of(
                    pinnedItem(pinnedFirst, 900, PinPlace.at(1), "60"),
                    item(top, 10),
                    pinnedItem(pinnedAbove, 5000, PinPlace.above(anchor), "7"),
                    item(anchor, 100));
            Map<UUID, BigDecimal> keys = Reordering.underModel(today, RICE);
            // by RICE scores alone: pinnedAbove 5000, pinnedFirst 900, anchor 100, top 10
            assertThat(keys.get(anchor)).isEqualByComparingTo("100");
            assertThat(keys.get(top)).isEqualByComparingTo("10");
            assertThat(keys.get(pinnedFirst)).isEqualByComparingTo("101");   // still first: above the highest unpinned
            assertThat(keys.get(pinnedAbove)).isEqualByComparingTo("100.5"); // still directly above its anchor, under pinnedFirst
        }

        @Test
        void a_pinned_items_rescore_records_its_new_key_with_the_same_place_and_reason() {
            ItemPinned pinned = new ItemPinned(new BigDecimal("60"), PinPlace.at(1), "launch", "po", NOON);
            given(created(null), rice(), pinned)
                    .when(item -> item.rescore(RICE, new BigDecimal("801"), 1, 1, CHANGED))
                    .then(new ItemRescored(RICE, null, new BigDecimal("800.00"), 1, 1, CHANGED, true),
                            new ItemPinned(new BigDecimal("801"), PinPlace.at(1), "launch", "po", NOON));
        }

        @Test
        void the_model_in_force_and_closed_items_record_nothing() {
            given(created(RICE)).when(item -> item.rescore(RICE, null, null, CHANGED)).thenNothingHappens();
            given(created(RICE), new ItemDiscarded("won't do", "po", ItemStatus.NEW))
                    .when(item -> item.rescore(ICE, null, null, CHANGED)).thenNothingHappens();
        }

        @Test
        void a_restored_item_comes_back_under_the_model_of_its_day() {
            given(created(null), rice(), new ItemDiscarded("won't do", "po", ItemStatus.NEW))
                    .when(item -> item.restore("po", null, null, RICE))
                    .then(new ItemRestored("po", null, null), new ItemRescored(RICE, null, new BigDecimal("800.00"), null, null, null, false));
        }

        @Test
        void the_settings_record_a_model_once_and_refuse_one_that_is_not_well_defined() {
            BacklogSettings settings = BacklogSettings.defaults(PRODUCT);
            assertThat(settings.changeScoringModel(ScoringModel.WSJF)).isEmpty();
            assertThat(settings.changeScoringModel(RICE)).containsExactly(new ScoringModelChanged(PRODUCT, RICE));
            assertThat(BacklogSettings.apply(settings, new ScoringModelChanged(PRODUCT, RICE)).scoring()).isEqualTo(RICE);
            assertThatThrownBy(() -> settings.changeScoringModel(new ScoringModel(ScoringModel.Kind.WEIGHTED, List.of(), null)))
                    .isInstanceOf(InvalidValue.class).hasMessageContaining("WEIGHTED needs 1 to 20 fields");
            assertThatThrownBy(() -> settings.changeScoringModel(new ScoringModel(ScoringModel.Kind.WEIGHTED, WEIGHTED.fields(), "segment")))
                    .isInstanceOf(InvalidValue.class).hasMessageContaining("effortField must name a number field");
            assertThatThrownBy(() -> settings.changeScoringModel(new ScoringModel(ScoringModel.Kind.RICE, WEIGHTED.fields(), null)))
                    .isInstanceOf(InvalidValue.class).hasMessageContaining("only for the WEIGHTED model");
            assertThatThrownBy(() -> settings.changeScoringModel(new ScoringModel(ScoringModel.Kind.WEIGHTED, List.of(
                    new ScoringField("x", ScoringField.Type.NUMBER, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE, Map.of())), null)))
                    .isInstanceOf(InvalidValue.class).hasMessageContaining("x is a NUMBER: it needs min below max");
        }
    }
}
