package dev.northstar.integrations.application;

import dev.northstar.integrations.application.OutboundGuard.Clearance;
import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.domain.WebhookSignature;
import dev.northstar.integrations.domain.WebhookUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed message to an endpoint (Standard Webhooks headers, a CloudEvents JSON body) and reports what came
 * of it: the status code, or why there was none. The guard decides first whether the endpoint may be called and at
 * which address; the connection goes to that address (the host name still names the server: Host header, TLS server
 * name and certificate check), so the name is never resolved a second time. Bounded in every way: the connection
 * and the answer time out, no redirect is followed, and nothing of the answer but its status is read or kept (an
 * endpoint's answer may echo what it was sent, customers' data included).
 */
@ApplicationScoped
public class WebhookSender {
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    public record Attempt(Integer statusCode, Duration duration, String error) {
        public boolean answered() {
            return statusCode != null;
        }
    }

    private final HttpClient client;
    private final OutboundGuard guard;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookSender(OutboundGuard guard, WebhookSettings settings, Vertx vertx) {
        this.guard = guard;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        // one connection per delivery: it goes to the address cleared for that delivery and closes with it
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Attempt send(WebhookUrl url, WebhookSecret secret, String messageId, String body) {
        long started = System.nanoTime();
        return switch (guard.clear(url)) {
            case Clearance.Refused refused -> new Attempt(null, elapsed(started), "not sent: " + refused.reason());
            case Clearance.Cleared cleared -> post(url, cleared.address(), secret, messageId, body, started);
        };
    }

    private Attempt post(WebhookUrl url, InetAddress address, WebhookSecret secret, String messageId, String body, long started) {
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setSsl(url.secure())
                .setHost(url.host()).setPort(url.port()).setURI(url.target())
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setFollowRedirects(false).setIdleTimeout(settings.requestTimeout().toMillis())
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("User-Agent", "Northstar-Webhooks/1")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, body));
        CompletableFuture<HttpClientRequest> request = client.request(options).toCompletionStage().toCompletableFuture();
        Future<Integer> answer = Future.fromCompletionStage(request).compose(sent -> sent.send(Buffer.buffer(body)))
                .map(WebhookSender::statusOnly);
        try {
            int status = answer.toCompletionStage().toCompletableFuture().get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Attempt(status, elapsed(started), status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (TimeoutException e) {
            request.thenAccept(HttpClientRequest::reset);
            return new Attempt(null, elapsed(started), "timed out: no answer within " + settings.requestTimeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Attempt(null, elapsed(started), "no answer: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.thenAccept(HttpClientRequest::reset);
            return new Attempt(null, elapsed(started), "interrupted: the instance is stopping");
        }
    }

    /** The status is all that is kept: the rest of the answer is not read, and its connection is closed at once. */
    private static int statusOnly(HttpClientResponse response) {
        try {
            response.exceptionHandler(closed -> { });
        } catch (IllegalStateException alreadyEnded) {
            return response.statusCode();
        }
        response.request().reset();
        return response.statusCode();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
