package dev.northstar.backlog.api;

import dev.northstar.backlog.support.RoadmapFixture;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Customer demand, as analytics publishes it on the metrics topic, becomes part of business value. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class DemandTest {
    UUID product;
    UUID initiative;
    String items;

    @BeforeEach
    void roadmap() {
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));
        product = RoadmapFixture.product();
        initiative = RoadmapFixture.initiative(product, RoadmapFixture.theme(product, "1"), "LATER");
        items = "/api/v1/products/" + product + "/backlog/items";
    }

    String item(String title, UUID linkedTo) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "STORY", "title", title, "jobSize", 2, "businessValue", 5,
                "timeCriticality", 3, "riskReduction", 2));
        if (linkedTo != null) {
            body.put("initiativeId", linkedTo.toString());
        }
        return given().contentType(ContentType.JSON).body(body).post(items).then().statusCode(201).extract().path("id");
    }

    /** One target's demand, as analytics publishes it when it changes. */
    UUID demand(String targetType, String targetId, int accounts) {
        return EventPublisher.publish(Topics.ANALYTICS_METRICS, "analytics", "DemandChanged", product, UUID.fromString(targetId),
                "{\"productId\":\"" + product + "\",\"targetType\":\"" + targetType + "\",\"targetId\":\"" + targetId
                        + "\",\"feedback\":" + accounts + ",\"uniqueCustomers\":" + accounts + ",\"votes\":0,\"accounts\":" + accounts
                        + ",\"accountValue\":" + (accounts == 0 ? 0 : 1000) + ",\"at\":\"" + Instant.now()
                        + "\",\"causedBy\":\"x\",\"causedByType\":\"y\"}");
    }

    @Test
    void demand_for_an_initiative_and_an_item_raises_their_priority_and_priority_says_why() {
        String linked = item("Linked to a wanted initiative", initiative);   // (5+3+2)/2 = 5.00
        String wanted = item("Wanted itself", null);                         // 5.00
        String other = item("Nobody asked", null);                           // 5.00

        demand("INITIATIVE", initiative.toString(), 3);
        UUID update = demand("BACKLOG_ITEM", wanted, 8);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + wanted).then().body("score", equalTo(9.0f)));       // (5+8+3+2)/2
        given().get(items + "/" + linked).then().body("score", equalTo(6.5f));                 // (5+3+3+2)/2
        given().get(items + "/" + other).then().body("score", equalTo(5.0f));
        List<String> order = given().get(items).then().extract().path("items.id");
        assertThat(order).containsExactly(wanted, linked, other);

        given().get(items + "/" + wanted + "/priority").then()
                .body("components.demandBonus", equalTo(8))
                .body("demand.accounts", equalTo(8))
                .body("causes[-1].eventType", equalTo("ItemDemandChanged"))
                .body("causes[-1].causedBy.eventId", equalTo(update.toString()))
                .body("causes[-1].causedBy.eventType", equalTo("northstar.analytics.DemandChanged.v1"));

        // demand gone: back to the PO's own business value
        demand("BACKLOG_ITEM", wanted, 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + wanted).then().body("score", equalTo(5.0f)));
        given().get(items + "/" + linked).then().body("score", equalTo(6.5f));
    }
}
