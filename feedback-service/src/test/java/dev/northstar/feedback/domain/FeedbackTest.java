package dev.northstar.feedback.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID CUSTOMER_REF = UUID.randomUUID();
    static final Customer CUSTOMER = new Customer("c-42", "Acme", "ENTERPRISE", new BigDecimal("120000"));

    @Test
    void sentiment_is_computed_once_when_feedback_arrives_and_kept_on_the_event() {
        List<FeedbackEvent> events = Feedback.submit(UUID.randomUUID(), PRODUCT, Source.SURVEY, CUSTOMER,
                "I love the new checkout, it is fast and easy", 9, Set.of("checkout"), "survey-1", null, false, List.of());
        FeedbackEvent.FeedbackSubmitted submitted = (FeedbackEvent.FeedbackSubmitted) events.getFirst();
        assertThat(submitted.sentiment().label()).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(submitted.sentiment().score()).isPositive();
    }

    @Test
    void sentiment_is_deterministic_and_reads_negation() {
        assertThat(Sentiment.of("The app crashes and support is slow").label()).isEqualTo(Sentiment.Label.NEGATIVE);
        assertThat(Sentiment.of("Checkout is not good").label()).isEqualTo(Sentiment.Label.NEGATIVE);
        assertThat(Sentiment.of("We ordered 12 chairs on Tuesday").label()).isEqualTo(Sentiment.Label.NEUTRAL);
        assertThat(Sentiment.of("Great product, great team")).isEqualTo(Sentiment.of("Great product, great team"));
    }

    @Test
    void an_nps_rating_is_0_to_10_and_classifies_the_customer() {
        assertThatThrownBy(() -> Feedback.submit(UUID.randomUUID(), PRODUCT, Source.IN_APP, CUSTOMER, "ok", 11, null, null, null, false, List.of()))
                .isInstanceOf(FeedbackRuleViolation.InvalidValue.class).hasMessageContaining("rating");
        Feedback detractor = Feedback.apply(null, Feedback.submit(UUID.randomUUID(), PRODUCT, Source.IN_APP, CUSTOMER, "meh", 6,
                null, null, null, false, List.of()).getFirst());
        assertThat(detractor.npsClass()).isEqualTo("DETRACTOR");
    }

    @Test
    void competitors_are_the_one_named_and_those_whose_keywords_the_text_holds_as_whole_words() {
        KnownCompetitor stripe = new KnownCompetitor(UUID.randomUUID(), "Stripe", List.of("Stripe", "stripe checkout"));
        KnownCompetitor adyen = new KnownCompetitor(UUID.randomUUID(), "Adyen", List.of("Adyen"));
        KnownCompetitor paddle = new KnownCompetitor(UUID.randomUUID(), "Paddle", List.of("Paddle"));
        List<KnownCompetitor> known = List.of(adyen, paddle, stripe);

        FeedbackEvent.FeedbackSubmitted lost = (FeedbackEvent.FeedbackSubmitted) Feedback.submit(UUID.randomUUID(), PRODUCT,
                Source.SALES, CUSTOMER, "Went with STRIPE CHECKOUT; Adyen was too pricey. Paddles are for boats.", null, null,
                null, "adyen", true, known).getFirst();

        assertThat(lost.competitors()).containsExactly(new CompetitorMention(adyen.id(), "Adyen", false),
                new CompetitorMention(stripe.id(), "Stripe", true));
        assertThat(lost.lostDeal()).isTrue();
        assertThatThrownBy(() -> Feedback.submit(UUID.randomUUID(), PRODUCT, Source.SALES, CUSTOMER, "x", null, null, null,
                "Braintree", true, known)).isInstanceOf(FeedbackRuleViolation.UnknownCompetitor.class);
    }

    @Test
    void a_link_to_the_same_target_twice_is_one_link() {
        Target initiative = new Target(TargetType.INITIATIVE, UUID.randomUUID());
        Feedback feedback = Feedback.apply(null, Feedback.submit(UUID.randomUUID(), PRODUCT, Source.EMAIL, CUSTOMER, "Please add Apple Pay",
                null, null, null, null, false, List.of()).getFirst());
        Feedback linked = Feedback.apply(feedback, feedback.link(initiative).getFirst());
        assertThat(linked.link(initiative)).isEmpty();
        assertThat(linked.unlink(initiative)).hasSize(1);
    }

    @Test
    void one_vote_per_customer_per_target_until_it_is_withdrawn() {
        Target item = new Target(TargetType.BACKLOG_ITEM, UUID.randomUUID());
        Vote vote = Vote.apply(null, Vote.cast(null, Vote.idOf(PRODUCT, item, CUSTOMER_REF), PRODUCT, item, "c-42", "Acme", BigDecimal.TEN).getFirst());
        assertThatThrownBy(() -> Vote.cast(vote, vote.id(), PRODUCT, item, "c-42", "Acme", BigDecimal.TEN))
                .isInstanceOf(FeedbackRuleViolation.AlreadyVoted.class);
        Vote withdrawn = Vote.apply(vote, vote.withdraw().getFirst());
        assertThat(Vote.cast(withdrawn, vote.id(), PRODUCT, item, "c-42", "Acme", BigDecimal.TEN)).hasSize(1);
        assertThat(Vote.idOf(PRODUCT, item, CUSTOMER_REF)).isEqualTo(vote.id());
    }
}
