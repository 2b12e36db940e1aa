package dev.northstar.backlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.application.BacklogItems;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.backlog.domain.BacklogSettingsEvent;
import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.platform.eventstore.EventTypes;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.ServiceJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * What backlog-service publishes on northstar.backlog.events (the items' events and the product's backlog settings')
 * is what its contract (BacklogEvent records and asyncapi/backlog-service.yaml) says, serialized exactly as
 * EventSourcedRepository does.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.of(BacklogEvent.class);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> every_backlog_event_matches_its_contract() {
        return Stream.concat(published(BacklogItemEvent.class), published(BacklogSettingsEvent.class));
    }

    @Test
    void the_contract_lists_only_events_backlog_service_publishes() {
        CONTRACT.assertEveryContractEventIsPublished(BacklogItemEvent.class, BacklogSettingsEvent.class);
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
        EventTypes<E> types = new EventTypes<>(events, BacklogItems.CONTEXT, JSON);
        return CONTRACT.publishedEventTests(events, event ->
                new Published(types.cloudEventTypeOf(types.nameOf(event)), types.serialize(event)));
    }
}
