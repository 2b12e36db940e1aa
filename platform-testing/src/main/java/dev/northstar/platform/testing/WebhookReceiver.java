package dev.northstar.platform.testing;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A team's webhook endpoint: a real HTTP server on this machine that keeps every request and checks its signature
 * with the Standard Webhooks library (an implementation independent of Northstar's). It answers 204, or the answers
 * a test queued first.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String id, String timestamp, String signature, String contentType, String body, boolean verified) {
    }

    private final HttpServer server;
    private final Webhook verifier;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();

    private record Answer(int status, String body) {
    }

    public WebhookReceiver(String secret) throws Exception {
        this.verifier = new Webhook(secret);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::receive);
        server.start();
    }

    /** A new secret in Standard Webhooks form. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next answers, in order, before it answers 204 again. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(new Answer(status, null));
        }
    }

    /** The next answer: this status with this (text) body. */
    public void answerNext(int status, String body) {
        answers.add(new Answer(status, body));
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach(headers::put);
        boolean verified;
        try {
            verifier.verify(body, headers);
            verified = true;
        } catch (Exception e) {
            verified = false;
        }
        received.add(new Received(first(headers, "webhook-id"), first(headers, "webhook-timestamp"),
                first(headers, "webhook-signature"), first(headers, "content-type"), body, verified));
        Answer answer = answers.poll();
        if (answer == null || answer.body() == null) {
            exchange.sendResponseHeaders(answer == null ? 204 : answer.status(), -1);
        } else {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
