package dev.northstar.feedback.domain;

import dev.northstar.feedback.domain.CustomerUpdateEvent.AnsweredFeedback;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackAnswered;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Given feedback, when something it is linked to ships, then it is answered once and its customers are due an update. */
class CustomerLoopTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final Shipment CARDS_DONE = new Shipment(Shipment.Kind.INITIATIVE_DONE, UUID.randomUUID(), "Saved cards",
            Instant.parse("2026-11-30T10:00:00Z"));

    static Feedback given(String customerId, String account, String text, FeedbackEvent... later) {
        Feedback feedback = Feedback.apply(null, Feedback.submit(UUID.randomUUID(), PRODUCT, Source.SUPPORT,
                new Customer(customerId, account, null, BigDecimal.ONE), text, null, null, null, null, false, List.of()).getFirst());
        for (FeedbackEvent event : later) {
            feedback = Feedback.apply(feedback, event);
        }
        return feedback;
    }

    @Test
    void open_feedback_is_answered_done_with_the_shipment_and_answered_feedback_is_left_alone() {
        Feedback planned = given("c-1", "Acme", "Let me save my card", new FeedbackEvent.FeedbackTriaged(TriageStatus.NEW, TriageStatus.PLANNED));
        List<FeedbackEvent> events = planned.answer(CARDS_DONE);
        assertThat(events).containsExactly(new FeedbackAnswered(PRODUCT, CARDS_DONE, TriageStatus.PLANNED));

        Feedback answered = Feedback.apply(planned, events.getFirst());
        assertThat(answered.status()).isEqualTo(TriageStatus.DONE);
        assertThat(answered.answeredBy()).containsExactly(CARDS_DONE);
        // a release shipping the same initiative later does not answer it again: the customer heard already
        assertThat(answered.answer(new Shipment(Shipment.Kind.RELEASE_SHIPPED, UUID.randomUUID(), "Spring", Instant.now()))).isEmpty();
    }

    @Test
    void one_update_is_due_per_customer_and_account_listing_the_feedback_it_answers() {
        Feedback first = given("c-1", "Acme", "Let me save my card");
        Feedback second = given("c-1", "Acme", "Typing my card is annoying");
        Feedback otherAccount = given("c-1", "Globex", "Cards, please");
        Feedback noAccount = given("c-2", null, "Save cards!");

        List<CustomerUpdate.Due> due = CustomerUpdate.dueFor(PRODUCT, CARDS_DONE, List.of(first, second, otherAccount, noAccount),
                (customer, account, part) -> UUID.nameUUIDFromBytes((customer + "/" + account).getBytes()));

        assertThat(due).extracting(d -> d.event().customerId() + "/" + d.event().account())
                .containsExactly("c-1/Acme", "c-1/Globex", "c-2/null");
        assertThat(due.getFirst().event().feedback()).containsExactly(new AnsweredFeedback(first.id(), "Let me save my card"),
                new AnsweredFeedback(second.id(), "Typing my card is annoying"));
        assertThat(due).allSatisfy(d -> {
            assertThat(d.event().shipment()).isEqualTo(CARDS_DONE);
            assertThat(d.event().updateId()).isEqualTo(d.updateId());
        });
        assertThat(CustomerUpdate.dueFor(PRODUCT, CARDS_DONE, List.of(), (c, a, part) -> UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_customer_who_wrote_much_gets_several_updates_of_at_most_five_answers_each_with_ids_of_their_own() {
        List<Feedback> thirty = IntStream.range(0, 30)
                .mapToObj(i -> given("c-1", "Acme", "x".repeat(10_000))).toList();

        List<CustomerUpdate.Due> due = CustomerUpdate.dueFor(PRODUCT, CARDS_DONE, thirty,
                (customer, account, part) -> UUID.nameUUIDFromBytes((customer + "/" + account + "/" + part).getBytes()));

        assertThat(due).hasSize(6).allSatisfy(d -> assertThat(d.event().feedback()).hasSize(CustomerUpdate.FEEDBACK_PER_UPDATE));
        assertThat(due.stream().flatMap(d -> d.event().feedback().stream()).map(AnsweredFeedback::feedbackId))
                .containsExactlyElementsOf(thirty.stream().map(Feedback::id).toList());
        assertThat(due.stream().map(CustomerUpdate.Due::updateId).distinct()).hasSize(6);
    }
}
