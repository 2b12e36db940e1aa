package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import dev.northstar.systemtests.fuzz.FuzzCases;
import dev.northstar.systemtests.fuzz.Fuzzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * A fuzzer in the build: every {@code /api/} operation of the five services' OpenAPI documents (as the running
 * services serve them) gets malformed ids, wrong types, missing and null fields, oversized and deeply nested JSON,
 * noncharacters, unknown enum values and wrong media types ({@link FuzzCases}), with a token that may do anything and
 * a product that exists, so that the requests reach validation. No answer is a 5xx, every 4xx is a problem document,
 * and the malformed writes append no event to any service's event store.
 */
class ApiFuzzTest {
    static Devstack stack;
    static Path data;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-fuzz-test");
        dev.northstar.platform.testing.TestTokens.useForEveryRequest(null);   // no default token from other test classes
        // PostgreSQL's and Kafka's ports below Linux's ephemeral range (32768-60999), apart from the other system tests'
        stack = Devstack.start(new Devstack.Settings(root, data, 27632, null, "postgres", "postgres", 29692, 29693,
                Map.of("roadmap-service", 18581, "backlog-service", 18582, "feedback-service", 18583, "analytics-service", 18584,
                        "integrations-service", 18585)));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (stack != null) {
            stack.close();
            Devstack.deleteStoresOf(data);
        }
    }

    @Test
    void malformed_requests_to_every_documented_operation_are_refused_with_a_problem_and_append_no_event() throws Exception {
        String token = stack.signingKey().everything("fuzz@localhost");
        String product = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", "Fuzzed product", "vision", "Malformed requests are refused"))
                .post(stack.service("roadmap-service").url() + "/api/v1/products").then().statusCode(201).extract().path("id");
        Map<String, Long> before = awaitSteadyEventStores();

        Fuzzer fuzzer = new Fuzzer();
        long started = System.nanoTime();
        Set<String> operations = new HashSet<>();
        for (Devstack.Service service : Devstack.SERVICES) {
            String url = stack.service(service.name()).url();
            List<FuzzCases.Probe> probes = FuzzCases.of(fuzzer.document(url), product, token);
            probes.forEach(probe -> operations.add(service.name() + " " + probe.operation()));
            fuzzer.send(service.name(), url, probes);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Thread.sleep(2_000);   // what a write would set off downstream (a consumer's own events) has time to happen
        Map<String, Long> after = eventStores();
        System.out.printf("fuzz: %d requests to %d operations of %d services in %.1f s; statuses %s; %d 5xx, %d 4xx without "
                        + "a problem, %d malformed writes answered 2xx; events appended %s%n", fuzzer.sent(), operations.size(),
                Devstack.SERVICES.size(), took.toMillis() / 1000.0, fuzzer.statuses(), count5xx(fuzzer),
                fuzzer.findings().size() - count5xx(fuzzer), fuzzer.accepted().size(), growth(before, after));

        assertSoftly(softly -> {
            softly.assertThat(operations).as("operations fuzzed").hasSizeGreaterThan(100);
            softly.assertThat(fuzzer.findings()).as("answers 5xx, none, or 4xx without a problem document").isEmpty();
            softly.assertThat(after).as("event store rows per service after the fuzz; malformed writes answered 2xx:%n%s",
                    fuzzer.accepted().stream().map(Fuzzer.Finding::toString).collect(Collectors.joining("\n"))).isEqualTo(before);
        });
    }

    /** The event stores' row counts once no consumer appends anything more (the product's creation has travelled). */
    private static Map<String, Long> awaitSteadyEventStores() {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
        await("event stores at rest").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> last.getAndSet(eventStores()).equals(last.get()));
        return last.get();
    }

    /** Database → rows in its event store. */
    private static Map<String, Long> eventStores() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Devstack.Service service : Devstack.SERVICES) {
            try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(service.database()),
                    stack.postgres().user(), stack.postgres().password());
                 ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM event_store")) {
                rows.next();
                counts.put(service.database(), rows.getLong(1));
            }
        }
        return counts;
    }

    private static long count5xx(Fuzzer fuzzer) {
        return fuzzer.findings().stream().filter(finding -> finding.status() >= 500 || finding.status() == 0).count();
    }

    private static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.forEach((database, rows) -> grown.put(database, rows - before.getOrDefault(database, 0L)));
        return grown;
    }
}
