package dev.northstar.analytics.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.RenderedMarkdown;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A shipped release: notes from its initiatives' accepted items, the changelog, and the product before and after it. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ReleasesTest {
    static final Instant SHIPPED = Instant.now().minus(2, ChronoUnit.DAYS);

    UUID product;
    UUID release;
    UUID initiative;
    String base;

    @BeforeEach
    void releaseWithAnAcceptedItem() {
        TestTokens.useForEveryRequest(TestTokens.everything("analyst@example.com"));
        product = UUID.randomUUID();
        release = UUID.randomUUID();
        initiative = UUID.randomUUID();
        base = "/api/v1/products/" + product;
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", initiative, """
                {"initiativeId":"%s","productId":"%s","title":"Saved cards","horizon":"NOW"}""".formatted(initiative, product), 10);
        publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleasePlanned", release, """
                {"releaseId":"%s","productId":"%s","name":"Spring release","targetDate":"2027-03-31"}""".formatted(release, product), 10);
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeScheduled", release, "{\"initiativeId\":\"" + initiative + "\"}", 10);
        UUID item = UUID.randomUUID();
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", item, """
                {"itemId":"%s","productId":"%s","type":"STORY","title":"Save a card at checkout"}""".formatted(item, product), 9);
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemLinkedToInitiative", item, "{\"initiativeId\":\"" + initiative + "\"}", 9);
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", item, "{\"acceptedBy\":\"po@example.com\"}", 5);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM item_facts WHERE product_id = ? AND status = 'ACCEPTED'", product) == 1
                        && count("SELECT count(*) FROM release_initiatives WHERE release_id = ?", release) == 1);
    }

    /** Publishes with ce_time that many days ago. */
    void publish(String topic, String context, String name, UUID subject, String payload, int daysAgo) {
        EventPublisher.publish(UUID.randomUUID(), topic, context, name, product, subject, payload,
                Map.of("ce_time", Instant.now().minus(daysAgo, ChronoUnit.DAYS).toString()));
    }

    void rating(int rating, int daysAgo) {
        UUID id = UUID.randomUUID();
        publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", id, """
                {"feedbackId":"%s","productId":"%s","source":"SURVEY","customer":{"customerId":"c-%s"},"text":"x","rating":%d,
                 "tags":[],"sentiment":{"score":0,"label":"NEUTRAL"}}""".formatted(id, product, id, rating), daysAgo);
    }

    void ship() {
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleaseShipped", product, release,
                "{\"shippedAt\":\"" + SHIPPED + "\",\"initiativeIds\":[\"" + initiative + "\"]}");
    }

    @Test
    void a_release_has_notes_only_once_it_ships_and_the_changelog_lists_it() {
        given().get(base + "/releases/" + release + "/notes").then().statusCode(409).body("type", containsString("not-shipped"));
        ship();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(base + "/releases/" + release + "/notes").then()
                .statusCode(200)
                .body("name", equalTo("Spring release"))
                .body("initiatives.title", contains("Saved cards"))
                .body("initiatives[0].items.title", contains("Save a card at checkout")));
        given().accept("text/markdown").get(base + "/releases/" + release + "/notes").then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(startsWith("# Spring release (shipped ")).body(containsString("## Saved cards\n\n- Save a card at checkout\n"));
        given().get(base + "/changelog").then().statusCode(200).body("releaseId", contains(release.toString()));
        given().queryParam("format", "atom").get(base + "/changelog").then().statusCode(200)
                .contentType(containsString("application/atom+xml"))
                .body(containsString("<id>urn:northstar:release:" + release + "</id>"))
                .body(containsString("<title>Spring release</title>"));
        given().get(base + "/releases/" + UUID.randomUUID() + "/notes").then().statusCode(404);
    }

    @Test
    void names_and_titles_cannot_forge_the_markdown_notes_or_break_the_atom_feed() throws Exception {
        UUID hostile = UUID.randomUUID();
        UUID docs = UUID.randomUUID();
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", docs, """
                {"initiativeId":"%s","productId":"%s","title":"[Docs](javascript:alert(1))","horizon":"NOW"}""".formatted(docs, product), 10);
        publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleasePlanned", hostile, """
                {"releaseId":"%s","productId":"%s","name":"Spring \\uFFFF\\n# Injected","targetDate":"2027-03-31"}""".formatted(hostile, product), 10);
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeScheduled", hostile, "{\"initiativeId\":\"" + docs + "\"}", 10);
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleaseShipped", product, hostile,
                "{\"shippedAt\":\"" + SHIPPED + "\",\"initiativeIds\":[\"" + docs + "\"]}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(base + "/releases/" + hostile + "/notes").then()
                .statusCode(200).body("name", equalTo("Spring \uFFFF\n# Injected")));

        String markdown = given().accept("text/markdown").get(base + "/releases/" + hostile + "/notes").then().statusCode(200)
                .extract().asString();
        RenderedMarkdown notes = RenderedMarkdown.of(markdown);
        assertThat(notes.headings()).as(markdown).hasSize(2);
        assertThat(notes.headings().get(0)).startsWith("# Spring \uFFFD # Injected (shipped ");
        assertThat(notes.headings().get(1)).isEqualTo("## [Docs](javascript:alert(1))");
        assertThat(notes.links()).isEmpty();
        assertThat(markdown).doesNotContain("\uFFFF");

        String atom = given().queryParam("format", "atom").get(base + "/changelog").then().statusCode(200).extract().asString();
        Document feed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(atom)));
        NodeList titles = feed.getElementsByTagName("title");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) {
            names.add(titles.item(i).getTextContent());
        }
        assertThat(names).contains("Spring \uFFFD\n# Injected");
    }

    @Test
    void the_product_before_and_after_the_ship_date_fills_in_as_feedback_arrives() {
        rating(10, 6);
        rating(3, 5);          // before: 1 promoter, 1 detractor: NPS 0
        ship();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(base + "/metrics").then().statusCode(200)
                .body("'releases.impact'[0].releaseId", equalTo(release.toString()))
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.before", equalTo(0))
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.after", equalTo(null)));

        rating(10, 1);
        rating(9, 0);          // after: 2 promoters: NPS 100
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(base + "/metrics").then()
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.after", equalTo(100))
                .body("'releases.impact'[0].metrics.find { it.metric == 'feedback.perDay' }.after", equalTo(1.0f)));
    }
}
