package dev.northstar.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.feedback.application.FeedbackRepositories;
import dev.northstar.feedback.domain.CustomerUpdateEvent;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.VoteEvent;
import dev.northstar.platform.eventstore.EventTypes;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.ServiceJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * What feedback-service publishes on northstar.feedback.events is what its contract (the contracts' FeedbackEvent
 * records and asyncapi/feedback-service.yaml) says (feedback-service's FeedbackEvent is the domain's; the contracts' one is the topic's family), serialized exactly as EventSourcedRepository does.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.forTopic(Topics.FEEDBACK_EVENTS);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> every_feedback_vote_and_customer_update_event_matches_its_contract() {
        return Stream.of(published(FeedbackEvent.class), published(VoteEvent.class), published(CustomerUpdateEvent.class))
                .flatMap(tests -> tests);
    }

    @Test
    void the_contract_lists_only_events_feedback_service_publishes() {
        CONTRACT.assertEveryContractEventIsPublished(FeedbackEvent.class, VoteEvent.class, CustomerUpdateEvent.class);
    }

    @Test
    void the_asyncapi_document_describes_the_contract_records() {
        CONTRACT.assertDocumentDescribesContractRecords();
    }

    @Test
    void the_contract_changed_only_additively_since_the_baseline() {
        CONTRACT.assertCompatibleWithBaseline();
    }

    private static <E> Stream<DynamicTest> published(Class<E> events) {
        EventTypes<E> types = new EventTypes<>(events, FeedbackRepositories.CONTEXT, JSON);
        return CONTRACT.publishedEventTests(events, event ->
                new Published(types.cloudEventTypeOf(types.nameOf(event)), types.serialize(event)));
    }
}
