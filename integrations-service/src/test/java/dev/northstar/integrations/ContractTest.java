package dev.northstar.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.integrations.application.ShareLinkCommands;
import dev.northstar.integrations.domain.ShareLinkEvent;
import dev.northstar.platform.eventstore.EventTypes;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.ServiceJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * What integrations-service publishes on northstar.integrations.events is what its contract (the contracts'
 * IntegrationsEvent records and asyncapi/integrations-service.yaml) says, serialized exactly as EventSourcedRepository does.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.forTopic(Topics.INTEGRATIONS_EVENTS);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> every_share_link_event_matches_its_contract() {
        EventTypes<ShareLinkEvent> types = new EventTypes<>(ShareLinkEvent.class, ShareLinkCommands.CONTEXT, JSON);
        return CONTRACT.publishedEventTests(ShareLinkEvent.class, event ->
                new Published(types.cloudEventTypeOf(types.nameOf(event)), types.serialize(event)));
    }

    @Test
    void the_contract_lists_only_events_integrations_service_publishes() {
        CONTRACT.assertEveryContractEventIsPublished(ShareLinkEvent.class);
    }

    @Test
    void the_asyncapi_document_describes_the_contract_records() {
        CONTRACT.assertDocumentDescribesContractRecords();
    }

    @Test
    void the_contract_changed_only_additively_since_the_baseline() {
        CONTRACT.assertCompatibleWithBaseline();
    }
}
