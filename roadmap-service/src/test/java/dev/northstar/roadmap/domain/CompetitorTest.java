package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.CompetitorEvent.InitiativeCompared;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompetitorTest {
    static final UUID PRODUCT = UUID.randomUUID();

    static Competitor stripe() {
        return Competitor.apply(null, Competitor.add(UUID.randomUUID(), PRODUCT, new Competitor.Profile("Stripe", "Developers",
                List.of("API"), List.of(), null, List.of("stripe checkout", " STRIPE ")), List.of()).getFirst());
    }

    static Initiative initiative(InitiativeStatus status) {
        return new Initiative(UUID.randomUUID(), PRODUCT, UUID.randomUUID(), "Saved cards", null, Horizon.NOW, null, 1, status,
                null, null, null, null);
    }

    @Test
    void the_name_is_the_first_keyword_and_each_keyword_counts_once_whatever_its_case() {
        assertThat(stripe().keywords()).containsExactly("Stripe", "stripe checkout");
    }

    @Test
    void a_keyword_of_another_competitor_is_refused() {
        assertThatThrownBy(() -> Competitor.add(UUID.randomUUID(), PRODUCT, new Competitor.Profile("Stripe Inc", null, null, null,
                null, List.of("Stripe Checkout")), List.of("Stripe", "stripe checkout")))
                .isInstanceOf(RoadmapRuleViolation.InvalidValue.class).hasMessageContaining("another competitor");
    }

    @Test
    void a_comparison_is_recorded_once_and_not_for_a_dropped_initiative() {
        Competitor stripe = stripe();
        Initiative cards = initiative(InitiativeStatus.PLANNED);
        List<CompetitorEvent> compared = stripe.compare(cards, Competitor.Position.BEHIND, "40 markets vs 3");
        assertThat(compared).containsExactly(new InitiativeCompared(cards.id(), Competitor.Position.BEHIND, "40 markets vs 3"));
        Competitor after = Competitor.apply(stripe, compared.getFirst());
        assertThat(after.compare(cards, Competitor.Position.BEHIND, "40 markets vs 3")).isEmpty();
        assertThat(after.removeComparison(cards.id())).hasSize(1);
        assertThatThrownBy(() -> stripe.compare(initiative(InitiativeStatus.DROPPED), Competitor.Position.AHEAD, null))
                .isInstanceOf(RoadmapRuleViolation.Closed.class);
    }

    @Test
    void an_edit_that_changes_nothing_records_nothing() {
        Competitor stripe = stripe();
        assertThat(stripe.edit(new Competitor.Profile(null, null, null, null, null, null), List.of())).isEmpty();
        assertThat(stripe.edit(new Competitor.Profile(null, null, null, List.of("Support"), null, null), List.of())).hasSize(1);
    }
}
