package dev.northstar.integrations.application;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.northstar.integrations.application.WebhookSender.Attempt;
import dev.northstar.integrations.domain.AddressKind;
import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.domain.WebhookUrl;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender against a real endpoint on this machine, with a resolver the test controls: what the delivery log
 * would show for each answer, and where the connection went.
 */
class WebhookSenderTest {
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    record Settings(boolean allowHttp, List<String> allowedAddressKinds, List<Duration> retryDelays, double retryJitter,
                    Duration connectTimeout, Duration requestTimeout, Duration lease, Duration pollInterval,
                    int maxInFlight, int maxPerProduct, Duration replayWindow, Duration deliveriesRetention,
                    Duration eventsRetention) implements WebhookSettings {
        static Settings forTest() {
            return new Settings(true, List.of("LOOPBACK"), List.of(Duration.ofSeconds(1)), 0, Duration.ofSeconds(2),
                    Duration.ofMillis(1500), Duration.ofMinutes(1), Duration.ofSeconds(1), 4, 50, Duration.ofDays(30),
                    Duration.ofDays(30), Duration.ofDays(366));
        }
    }

    /** One request as the endpoint saw it. */
    record Seen(String path, String host) {
    }

    Vertx vertx;
    HttpServer endpoint;
    List<Seen> seen = new CopyOnWriteArrayList<>();
    List<String> elsewhere = new CopyOnWriteArrayList<>();
    volatile int status = 204;
    volatile String answer;
    volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", this::hook);
        endpoint.createContext("/elsewhere", exchange -> {
            elsewhere.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void hook(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Host")));
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (status == 302) {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + port() + "/elsewhere");
        }
        if (answer == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private int port() {
        return endpoint.getAddress().getPort();
    }

    private Attempt send(String url, OutboundGuard.Resolver resolver) {
        OutboundGuard guard = new OutboundGuard(Set.of(AddressKind.LOOPBACK), resolver);
        WebhookSender sender = new WebhookSender(guard, Settings.forTest(), vertx);
        try {
            return sender.send(WebhookUrl.parse(url, true), SECRET, "msg_1", "{\"specversion\":\"1.0\"}");
        } finally {
            sender.close();
        }
    }

    /** hooks.invalid resolves to this machine once, then (DNS rebinding) to the metadata address. */
    private static OutboundGuard.Resolver rebinding(AtomicInteger lookups) throws UnknownHostException {
        InetAddress here = InetAddress.getByName("127.0.0.1");
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        return host -> new InetAddress[]{lookups.getAndIncrement() == 0 ? here : metadata};
    }

    @Test
    void the_delivery_goes_to_the_address_that_was_checked_and_names_its_host() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Attempt attempt = send("http://hooks.invalid:" + port() + "/hook?team=7", rebinding(lookups));
        assertThat(attempt.error()).isNull();
        assertThat(attempt.statusCode()).isEqualTo(204);
        assertThat(seen).containsExactly(new Seen("/hook?team=7", "hooks.invalid:" + port()));
        assertThat(lookups).as("the name is resolved once, by the guard").hasValue(1);
    }

    @Test
    void a_forbidden_address_is_not_called() throws Exception {
        AtomicInteger lookups = new AtomicInteger(1);
        Attempt attempt = send("http://hooks.invalid:" + port() + "/hook", rebinding(lookups));
        assertThat(attempt.answered()).isFalse();
        assertThat(attempt.error()).startsWith("not sent: hooks.invalid resolves to 169.254.169.254, a LINK_LOCAL address");
        assertThat(seen).isEmpty();
    }

    @Test
    void a_redirect_is_not_followed_and_no_answer_body_is_kept() throws Exception {
        status = 302;
        answer = "moved: your customer customer-seven wrote 'my card number is 4111'";
        Attempt redirected = send("http://127.0.0.1:" + port() + "/hook", host -> InetAddress.getAllByName(host));
        assertThat(redirected.statusCode()).isEqualTo(302);
        assertThat(redirected.error()).isEqualTo("HTTP 302");
        assertThat(elsewhere).isEmpty();

        status = 500;
        answer = "{\"echo\":{\"customerId\":\"customer-seven\"}}";
        Attempt failed = send("http://127.0.0.1:" + port() + "/hook", host -> InetAddress.getAllByName(host));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.error()).isEqualTo("HTTP 500");
    }

    @Test
    void an_endpoint_that_does_not_answer_in_time_is_a_timeout() throws Exception {
        delayMillis = 3000;
        Attempt attempt = send("http://127.0.0.1:" + port() + "/hook", host -> InetAddress.getAllByName(host));
        assertThat(attempt.answered()).isFalse();
        assertThat(attempt.error()).startsWith("timed out");
        assertThat(attempt.duration()).isLessThan(Duration.ofMillis(2500));
    }
}
