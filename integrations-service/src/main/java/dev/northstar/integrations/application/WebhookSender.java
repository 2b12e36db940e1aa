package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.domain.WebhookSignature;
import dev.northstar.integrations.domain.WebhookUrl;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed message to an endpoint (Standard Webhooks headers, a CloudEvents JSON body) and reports what came
 * of it: the status code, or why there was none. Bounded in every way: the connection and the answer time out, no
 * redirect is followed, at most {@code max-response-bytes} of the answer are read, and the guard decides first
 * whether the endpoint's address may be called at all.
 */
@ApplicationScoped
public class WebhookSender {
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    private static final int ERROR_EXCERPT = 200;

    public record Attempt(Integer statusCode, Duration duration, String error) {
        public boolean answered() {
            return statusCode != null;
        }
    }

    private final HttpClient client;
    private final OutboundGuard guard;
    private final WebhookSettings settings;
    private final Clock clock;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookSender(OutboundGuard guard, WebhookSettings settings) {
        this.guard = guard;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @PreDestroy
    void close() {
        client.close();
        readers.close();
    }

    public Attempt send(WebhookUrl url, WebhookSecret secret, String messageId, String body) {
        long started = System.nanoTime();
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            return new Attempt(null, elapsed(started), "not sent: " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url.uri()).timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", "Northstar-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            // the client's timeout ends with the headers: the answer's body is read within what is left of it
            Duration left = settings.requestTimeout().minus(elapsed(started));
            String excerpt;
            try (InputStream answer = response.body()) {
                Future<byte[]> reading = readers.submit(() -> answer.readNBytes(settings.maxResponseBytes()));
                try {
                    excerpt = new String(reading.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
                } catch (TimeoutException e) {
                    reading.cancel(true);
                    return new Attempt(status, elapsed(started), "timed out reading the answer after HTTP " + status);
                } catch (ExecutionException e) {
                    excerpt = "";
                }
            }
            String error = status >= 200 && status < 300 ? null : "HTTP " + status + excerptOf(excerpt);
            return new Attempt(status, elapsed(started), error);
        } catch (HttpTimeoutException e) {
            return new Attempt(null, elapsed(started), "timed out: " + e.getMessage());
        } catch (IOException e) {
            return new Attempt(null, elapsed(started), "no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, elapsed(started), "interrupted: the instance is stopping");
        }
    }

    private static String excerptOf(String answer) {
        String text = answer.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > ERROR_EXCERPT ? text.substring(0, ERROR_EXCERPT) + "…" : text);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
