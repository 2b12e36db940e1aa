package dev.northstar.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.domain.Nps;
import dev.northstar.analytics.readmodel.MetricsQueries.BacklogControl;
import dev.northstar.analytics.readmodel.MetricsQueries.Delivery;
import dev.northstar.analytics.readmodel.MetricsQueries.Demand;
import dev.northstar.analytics.readmodel.MetricsQueries.FeedbackVolume;
import dev.northstar.analytics.readmodel.MetricsQueries.Competition;
import dev.northstar.analytics.readmodel.MetricsQueries.InitiativeProgress;
import dev.northstar.analytics.readmodel.MetricsQueries.KeyResultStanding;
import dev.northstar.analytics.readmodel.MetricsQueries.ReleaseImpact;
import dev.northstar.analytics.readmodel.MetricsQueries.Sentiment;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.AnalyticsEvent.DemandChanged;
import dev.northstar.contracts.events.AnalyticsEvent.MetricChanged;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.platform.testing.ContractAssertions;
import dev.northstar.platform.testing.ContractAssertions.Published;
import dev.northstar.platform.testing.RecordSamples;
import dev.northstar.platform.testing.ServiceJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What analytics-service publishes on northstar.analytics.metrics is what its contract (AnalyticsEvent.MetricChanged
 * and asyncapi/analytics-service.yaml) says: one MetricChanged per metric, its value of the shape MetricsQueries
 * computes for that metric, serialized with the service's ObjectMapper.
 */
class ContractTest {
    private static final ContractAssertions CONTRACT = ContractAssertions.of(AnalyticsEvent.class);
    private static final ObjectMapper JSON = ServiceJson.objectMapper();
    private static final UUID PRODUCT = UUID.randomUUID();

    /** A sample of each metric's value, of the type MetricsQueries.value returns for it. */
    private static final Map<Metric, Object> VALUES = Map.of(
            Metric.FEEDBACK_VOLUME, RecordSamples.one(FeedbackVolume.class),
            Metric.NPS, RecordSamples.one(Nps.class),
            Metric.SENTIMENT, RecordSamples.one(Sentiment.class),
            Metric.DEMAND, List.of(RecordSamples.one(Demand.class)),
            Metric.DELIVERY, RecordSamples.one(Delivery.class),
            Metric.ROADMAP_PROGRESS, List.of(RecordSamples.one(InitiativeProgress.class)),
            Metric.BACKLOG, RecordSamples.one(BacklogControl.class),
            Metric.KEY_RESULTS, List.of(RecordSamples.one(KeyResultStanding.class)),
            Metric.COMPETITORS, RecordSamples.one(Competition.class),
            Metric.RELEASE_IMPACT, List.of(RecordSamples.one(ReleaseImpact.class)));

    @Test
    void every_metric_has_a_sample_value() {
        assertThat(VALUES.keySet())
                .as("a new metric needs a sample value here and its value shape in asyncapi/analytics-service.yaml")
                .isEqualTo(Set.of(Metric.values()));
    }

    @TestFactory
    Stream<DynamicTest> every_metric_is_published_as_its_contract_says() {
        return Arrays.stream(Metric.values()).map(metric -> dynamicTest(metric.key(),
                () -> CONTRACT.assertMatchesContract(published(metric, VALUES.get(metric)))));
    }

    @TestFactory
    Stream<DynamicTest> the_contract_documents_the_value_shape_of_each_metric() {
        return Arrays.stream(Metric.values()).map(metric -> dynamicTest(metric.key(), () -> {
            for (Metric other : Metric.values()) {
                if (other != metric) {
                    assertThat(CONTRACT.violations("MetricChanged", published(metric, VALUES.get(other)).payload()))
                            .as("a %s value published as %s", other.key(), metric.key())
                            .isNotEmpty();
                }
            }
        }));
    }

    @Test
    void the_contract_lists_only_events_analytics_service_publishes() {
        // MetricChanges publishes northstar.analytics.MetricChanged.v1 and DemandChanged.v1 (the contract records themselves)
        CONTRACT.assertEveryContractEventIsPublished(Set.of("MetricChanged", "DemandChanged"));
    }

    @Test
    void a_targets_demand_is_published_as_its_contract_says() throws JsonProcessingException {
        Demand demand = RecordSamples.one(Demand.class);
        DemandChanged changed = new DemandChanged(PRODUCT, demand.targetType(), demand.targetId(), demand.feedback(),
                demand.uniqueCustomers(), demand.votes(), demand.accounts(), demand.accountValue(), RecordSamples.INSTANT,
                UUID.randomUUID().toString(), "northstar.feedback.VoteCast.v1");
        CONTRACT.assertMatchesContract(new Published(EventCatalog.cloudEventTypeOf(DemandChanged.class),
                JSON.writeValueAsString(changed)));
    }

    @Test
    void the_asyncapi_document_describes_the_contract_records() {
        CONTRACT.assertDocumentDescribesContractRecords();
    }

    @Test
    void the_contract_changed_only_additively_since_the_baseline() {
        CONTRACT.assertCompatibleWithBaseline();
    }

    private static Published published(Metric metric, Object value) throws JsonProcessingException {
        MetricChanged changed = new MetricChanged(PRODUCT, metric.key(), value, RecordSamples.INSTANT,
                UUID.randomUUID().toString(), "northstar.feedback.FeedbackSubmitted.v1");
        return new Published(EventCatalog.cloudEventTypeOf(MetricChanged.class), JSON.writeValueAsString(changed));
    }
}
