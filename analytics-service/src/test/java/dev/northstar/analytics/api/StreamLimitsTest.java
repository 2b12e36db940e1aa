package dev.northstar.analytics.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.northstar.platform.testing.EventPublisher.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Metric streams: refused before subscribing when the token has no time left, limited per caller, all released. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class StreamLimitsTest {
    private static final String OPEN_STREAMS = "northstar_metric_streams_open";

    @TestHTTPResource
    URL base;
    UUID product = UUID.randomUUID();
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aKnownProduct() {
        TestTokens.useForEveryRequest(null);
        UUID id = UUID.randomUUID();
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":"
                        + "{\"customerId\":\"c-1\",\"account\":\"Acme\",\"accountValue\":100},\"text\":\"x\",\"rating\":9,"
                        + "\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"POSITIVE\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", product) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> openStreams() == 0);
    }

    @Test
    void a_token_with_no_time_left_is_401_before_any_stream_is_opened() throws Exception {
        Instant now = Instant.now();
        // expired 10 s ago: still inside the verifier's clock skew, so only the stream itself can refuse it
        String lastSeconds = TestTokens.issued(now.minus(Duration.ofHours(1)), now.minusSeconds(10), "late@example.com",
                Set.of("viewer"), product.toString());
        HttpResponse<String> refused = http.send(streamRequest(lastSeconds), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(openStreams()).isZero();
    }

    @Test
    void a_stream_ends_when_its_token_reaches_the_maximum_age_however_long_it_claims_to_be_valid() throws Exception {
        Instant now = Instant.now();
        // issued 24 hours less 4 s ago (the maximum age, NORTHSTAR_JWT_MAX_AGE_SECONDS), claiming another hour
        String aging = TestTokens.issued(now.minus(Duration.ofDays(1)).plusSeconds(4), now.plus(Duration.ofHours(1)),
                "old@example.com", Set.of("viewer"), product.toString());
        HttpResponse<Stream<String>> stream = http.send(streamRequest(aging), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);

        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> stream.body().count());
        assertThat(ended.get(20, TimeUnit.SECONDS)).isPositive();
        assertThat(Duration.between(now, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void a_caller_holds_at_most_ten_streams_and_the_eleventh_is_429() throws Exception {
        String token = TestTokens.token("dashboard@example.com", Set.of("viewer"), product.toString());
        List<HttpResponse<Stream<String>>> streams = open(token, 10);
        HttpResponse<String> eleventh = http.send(streamRequest(token), HttpResponse.BodyHandlers.ofString());

        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.body()).contains("too-many-streams");
        assertThat(openStreams()).isEqualTo(10);
        streams.forEach(stream -> stream.body().close());
        await().atMost(Duration.ofSeconds(20)).until(() -> openStreams() == 0);
        open(token, 1).forEach(stream -> stream.body().close());
    }

    @Test
    void a_thousand_streams_opened_and_dropped_or_expired_leave_none_open() throws Exception {
        List<HttpResponse<Stream<String>>> dropped = new ArrayList<>();
        for (int caller = 0; caller < 100; caller++) {
            // every third caller's token runs out after 2 s: the server ends those streams itself
            Duration lifetime = caller % 3 == 0 ? Duration.ofSeconds(2) : Duration.ofMinutes(5);
            String token = TestTokens.token(lifetime, "dashboard-" + caller + "@example.com", Set.of("viewer"), product.toString());
            List<HttpResponse<Stream<String>>> streams = open(token, 10);
            if (caller % 3 != 0) {
                dropped.addAll(streams);
            }
        }
        assertThat(openStreams()).isGreaterThanOrEqualTo(dropped.size());
        dropped.forEach(stream -> stream.body().close());

        await().atMost(Duration.ofSeconds(60)).until(() -> openStreams() == 0);
    }

    @Test
    void anonymous_streams_waiting_on_the_database_never_hold_up_a_signed_in_caller() throws Exception {
        String token = TestTokens.token("pm@example.com", Set.of("viewer"), product.toString());
        HttpRequest snapshot = HttpRequest.newBuilder(URI.create(base + "api/v1/products/" + product + "/metrics"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<Void>>> anonymous = new ArrayList<>();
        try (Connection locker = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE share_links IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 32; i++) {
                anonymous.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/shared/nss_made-up-" + i
                        + "/metrics/stream")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.discarding()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM pg_locks WHERE NOT granted"
                    + " AND relation = 'share_links'::regclass") > 0);

            Instant asked = Instant.now();
            HttpResponse<String> answer = http.send(snapshot, HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.between(asked, Instant.now());
            System.out.printf("a signed-in GET of the metrics took %d ms beside 32 anonymous streams waiting on a lock%n",
                    took.toMillis());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            locker.rollback();
        }
        // the anonymous callers were answered: not found, or busy while the lookups could not run
        for (CompletableFuture<HttpResponse<Void>> response : anonymous) {
            assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isIn(404, 503);
        }
    }

    private List<HttpResponse<Stream<String>>> open(String token, int streams) throws Exception {
        List<CompletableFuture<HttpResponse<Stream<String>>>> opening = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            opening.add(http.sendAsync(streamRequest(token), HttpResponse.BodyHandlers.ofLines()));
        }
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Stream<String>>> response : opening) {
            HttpResponse<Stream<String>> stream = response.get(20, TimeUnit.SECONDS);
            assertThat(stream.statusCode()).isEqualTo(200);
            open.add(stream);
        }
        return open;
    }

    private HttpRequest streamRequest(String token) {
        return HttpRequest.newBuilder(URI.create(base + "api/v1/products/" + product + "/metrics/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
    }

    private static double openStreams() {
        return Prometheus.sum(OPEN_STREAMS, "stream=\"metrics\"");
    }
}
