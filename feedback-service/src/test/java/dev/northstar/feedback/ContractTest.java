package dev.northstar.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.CustomerKeyEvent;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.feedback.application.CustomerDataSealing;
import dev.northstar.feedback.application.CustomerKeys;
import dev.northstar.feedback.application.FeedbackRepositories;
import dev.northstar.feedback.domain.CustomerUpdateEvent;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.VoteEvent;
import dev.northstar.platform.eventstore.EventTypes;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.ServiceJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What feedback-service publishes on northstar.feedback.events is what its contract (the contracts' FeedbackEvent
 * records and asyncapi/feedback-service.yaml) says (feedback-service's FeedbackEvent is the domain's; the contracts' one
 * is the topic's family), serialized and sealed exactly as EventSourcedRepository does; and what it publishes on
 * northstar.feedback.customer-keys is what that topic's contract says.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.forTopic(Topics.FEEDBACK_EVENTS);
    private static final ContractAssertions KEYS_CONTRACT = ContractAssertions.forTopic(Topics.CUSTOMER_KEYS);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();
    private static final MasterKey MASTER = new MasterKey(Optional.of("bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU="));
    /** Customers' keys as CustomerKeys makes them, kept in memory instead of its table. */
    private static final CustomerKeys KEYS = new CustomerKeys(null, MASTER, null, null, JSON) {
        private final Map<String, CustomerKey> keys = new ConcurrentHashMap<>();

        @Override
        public CustomerKey keyFor(UUID productId, String customerId) {
            return keys.computeIfAbsent(productId + "/" + customerId, k -> new CustomerKey(UUID.randomUUID(), MASTER.newDataKey()));
        }

        @Override
        public String accountRef(UUID productId, String account) {
            return account == null ? null : MASTER.blindIndexKey("account", MASTER.keyId()).indexOf(productId + "/" + account);
        }
    };
    private static final CustomerDataSealing SEALING = new CustomerDataSealing(KEYS, JSON);

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
        KEYS_CONTRACT.assertDocumentDescribesContractRecords();
    }

    @Test
    void the_contract_changed_only_additively_since_the_baseline() {
        CONTRACT.assertCompatibleWithBaseline();
        KEYS_CONTRACT.assertCompatibleWithBaseline();
    }

    /** CustomerKeys publishes the contracts' records themselves. */
    @TestFactory
    Stream<DynamicTest> every_customer_key_event_matches_its_contract() {
        return KEYS_CONTRACT.publishedEventTests(CustomerKeyEvent.class, event -> {
            try {
                return new Published(EventCatalog.cloudEventTypeOf(event.getClass()), JSON.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <E> Stream<DynamicTest> published(Class<E> events) {
        EventTypes<E> types = new EventTypes<>(events, FeedbackRepositories.CONTEXT, JSON);
        return CONTRACT.publishedEventTests(events, event -> new Published(types.cloudEventTypeOf(types.nameOf(event)),
                SEALING.protect(types.nameOf(event), types.serialize(event))));
    }
}
