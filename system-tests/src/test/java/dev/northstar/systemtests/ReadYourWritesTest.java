package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import dev.northstar.devstack.ServiceProcess;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read your own writes across services (issue 31): a write answers Northstar-Position, and a request at another
 * service with Northstar-After answers from state that holds that write. A client never has to try again.
 */
class ReadYourWritesTest {
    private static final int TIMES = 1_000;
    private static final int CLIENTS = 2;
    private static final String POSITION = "Northstar-Position";
    private static final String AFTER = "Northstar-After";

    static Devstack stack;
    static Path data;
    static String roadmap;
    static String backlog;
    static String integrations;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-read-your-writes-test");
        // ports below Linux's ephemeral range (32768-60999) and apart from the other system tests' stacks
        stack = Devstack.start(new Devstack.Settings(root, data, 27732, null, "postgres", "postgres", 29792, 29793,
                Map.of("roadmap-service", 18681, "backlog-service", 18682, "feedback-service", 18683,
                        "analytics-service", 18684, "integrations-service", 18685)));
        roadmap = stack.service("roadmap-service").url();
        backlog = stack.service("backlog-service").url();
        integrations = stack.service("integrations-service").url();
        TestTokens.useForEveryRequest(stack.signingKey().everything("system-test@localhost"));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (stack != null) {
            stack.close();
            Devstack.deleteStoresOf(data);
        }
    }

    static RequestSpecification json(String actor) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + stack.signingKey().everything(actor));
    }

    @Test
    void an_initiative_created_on_the_roadmap_can_be_linked_at_once_by_the_backlog_a_thousand_times_out_of_a_thousand()
            throws Exception {
        // a product per client, so that the clients' initiatives never contend for one product's ranks
        List<String[]> products = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String product = json("pm@example.com").body(Map.of("name", "Read your writes " + c, "northStarMetric", "checkouts"))
                    .post(roadmap + "/api/v1/products").then().statusCode(201).extract().path("id");
            String theme = json("pm@example.com").body(Map.of("name", "Conversion", "weight", 1))
                    .post(roadmap + "/api/v1/products/" + product + "/themes").then().statusCode(201).extract().path("id");
            products.add(new String[]{product, theme});
        }
        String pm = "Bearer " + stack.signingKey().everything("pm@example.com");
        String po = "Bearer " + stack.signingKey().everything("po@example.com");

        List<Long> writeMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> linkMillis = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        // two clients at once, each creating and at once linking, as two people would (more only measured the CPU)
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String product = products.get(c)[0];
                String theme = products.get(c)[1];
                String initiatives = roadmap + "/api/v1/products/" + product + "/initiatives";
                String items = backlog + "/api/v1/products/" + product + "/backlog/items";
                int client = c;
                done.add(clients.submit(() -> {
                    for (int n = client; n < TIMES; n += CLIENTS) {
                        long before = System.nanoTime();
                        Response created = given().contentType(ContentType.JSON).header("Authorization", pm)
                                .body(Map.of("title", "Initiative " + n, "themeId", theme, "horizon", "LATER")).post(initiatives);
                        long written = System.nanoTime();
                        String position = created.header(POSITION);
                        if (created.statusCode() != 201 || position == null) {
                            refused.add(n + ": the initiative answered " + created.statusCode() + ", position " + position);
                            continue;
                        }
                        Response linked = given().contentType(ContentType.JSON).header("Authorization", po)
                                .header(AFTER, position).body(Map.of("type", "STORY", "title", "Item " + n, "jobSize", 2,
                                        "businessValue", 3, "timeCriticality", 3, "riskReduction", 2,
                                        "initiativeId", created.path("id")))
                                .post(items);
                        writeMillis.add((written - before) / 1_000_000);
                        linkMillis.add((System.nanoTime() - written) / 1_000_000);
                        if (linked.statusCode() != 201) {
                            refused.add(n + ": " + linked.statusCode() + " " + linked.asString());
                        }
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
        System.out.printf("read your writes: %d of %d initiatives linked at once in %d ms (%d clients); initiative POST "
                        + "p50 %d ms p99 %d ms, linked item POST (Northstar-After) p50 %d ms p99 %d ms%n",
                TIMES - refused.size(), TIMES, (System.nanoTime() - started) / 1_000_000, CLIENTS,
                percentile(writeMillis, 50), percentile(writeMillis, 99), percentile(linkMillis, 50), percentile(linkMillis, 99));
        assertThat(refused).as("initiatives not linked the first time").isEmpty();
    }

    @Test
    void a_webhook_for_a_product_just_created_on_the_roadmap_is_accepted_at_once_by_integrations() throws Exception {
        String secret = WebhookReceiver.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            for (int i = 0; i < 20; i++) {
                Response created = json("pm@example.com").body(Map.of("name", "Webhook product " + i, "northStarMetric", "signups"))
                        .post(roadmap + "/api/v1/products");
                assertThat(created.statusCode()).isEqualTo(201);
                json("pm@example.com").header(AFTER, created.header(POSITION))
                        .body(Map.of("url", receiver.url(), "eventTypes", List.of("northstar.roadmap.*"), "secret", secret,
                                "description", "the team's roadmap channel"))
                        .post(integrations + "/api/v1/products/" + created.path("id") + "/webhooks")
                        .then().statusCode(201);
            }
        }
    }

    /**
     * What waiting for the position costs a write: the same initiative POST at the replica whose relay publishes (it
     * waits for the broker's acknowledgement and answers the position) and at a second replica, whose relay stands by
     * (it cannot learn the position and answers at once, without it).
     */
    @Test
    void waiting_for_the_position_costs_a_write_little() throws Exception {
        String product = json("pm@example.com").body(Map.of("name", "Write cost", "northStarMetric", "weekly checkouts"))
                .post(roadmap + "/api/v1/products").then().statusCode(201).extract().path("id");
        String theme = json("pm@example.com").body(Map.of("name", "Conversion", "weight", 1))
                .post(roadmap + "/api/v1/products/" + product + "/themes").then().statusCode(201).extract().path("id");
        try (ServiceProcess standby = stack.startReplica("roadmap-service", 18691)) {
            Map<String, Object> initiative = Map.of("title", "Measured", "themeId", theme, "horizon", "LATER");
            String path = "/api/v1/products/" + product + "/initiatives";
            for (int warmUp = 0; warmUp < 200; warmUp++) {
                json("pm@example.com").body(initiative).post(roadmap + path).then().statusCode(201);
                json("pm@example.com").body(initiative).post(standby.url() + path).then().statusCode(201);
            }
            List<Long> with = new ArrayList<>();
            List<Long> without = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                with.add(timed(roadmap + path, initiative, true));
                without.add(timed(standby.url() + path, initiative, false));
            }
            System.out.printf("initiative POST p50 with Northstar-Position %.2f ms (p90 %.2f), without %.2f ms (p90 %.2f)%n",
                    percentile(with, 50) / 1000.0, percentile(with, 90) / 1000.0,
                    percentile(without, 50) / 1000.0, percentile(without, 90) / 1000.0);
        }
    }

    /** Microseconds one POST took; whether it answered a position is checked against what the replica can know. */
    private static long timed(String url, Map<String, Object> body, boolean positioned) {
        long before = System.nanoTime();
        Response response = json("pm@example.com").body(body).post(url);
        long micros = (System.nanoTime() - before) / 1_000;
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.header(POSITION) != null).as("answers a position").isEqualTo(positioned);
        return micros;
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
