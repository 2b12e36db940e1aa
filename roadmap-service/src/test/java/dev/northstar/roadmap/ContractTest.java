package dev.northstar.roadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.platform.eventstore.EventTypes;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.ServiceJson;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.CompetitorEvent;
import dev.northstar.roadmap.domain.InitiativeEvent;
import dev.northstar.roadmap.domain.ObjectiveEvent;
import dev.northstar.roadmap.domain.ProductEvent;
import dev.northstar.roadmap.domain.ReleaseEvent;
import dev.northstar.roadmap.domain.ThemeEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * What roadmap-service publishes on northstar.roadmap.events is what its contract (RoadmapEvent records and
 * asyncapi/roadmap-service.yaml) says, serialized exactly as EventSourcedRepository does.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.of(RoadmapEvent.class);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> every_roadmap_event_matches_its_contract() {
        return Stream.of(
                published(ProductEvent.class),
                published(ThemeEvent.class),
                published(InitiativeEvent.class),
                published(ReleaseEvent.class),
                published(ObjectiveEvent.class),
                published(CompetitorEvent.class)
        ).flatMap(tests -> tests);
    }

    @Test
    void the_contract_lists_only_events_roadmap_service_publishes() {
        CONTRACT.assertEveryContractEventIsPublished(ProductEvent.class, ThemeEvent.class, InitiativeEvent.class,
                ReleaseEvent.class, ObjectiveEvent.class,
                CompetitorEvent.class);
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
        EventTypes<E> types = new EventTypes<>(events, RoadmapRepositories.CONTEXT, JSON);
        return CONTRACT.publishedEventTests(events, event ->
                new Published(types.cloudEventTypeOf(types.nameOf(event)), types.serialize(event)));
    }
}
