package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client of the Northstar APIs, for the seed, the benchmark and the crash check. */
public final class NorthstarClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String roadmap;
    private final String backlog;
    private final String authorization;

    public NorthstarClient(String roadmapUrl, String backlogUrl, String token) {
        this.roadmap = roadmapUrl;
        this.backlog = backlogUrl;
        this.authorization = "Bearer " + token;
    }

    public record Reply(int status, JsonNode body) {
        public String id() {
            return body.path("id").asText();
        }
    }

    public Reply post(String url, Object body) {
        return post(url, body, Duration.ofSeconds(10));
    }

    /** A POST that may take longer than the usual 10 s (a rebuild, say). */
    public Reply post(String url, Object body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).timeout(timeout));
    }

    public Reply put(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
.PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Creates a product in roadmap-service and waits until backlog-service has heard of it. */
    public UUID createProduct(Map<String, Object> product) {
        Reply created = expect(post(roadmap + "/api/v1/products", product), 201);
        UUID id = UUID.fromString(created.id());
        awaitBacklogKnows(id);
        return id;
    }

    public void awaitBacklogKnows(UUID productId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get(backlogItems(productId)).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("backlog-service did not hear of product " + productId + " within 30 s");
            }
            pause(100);
        }
    }

    public String roadmap(UUID productId) {
        return roadmap + "/api/v1/products/" + productId;
    }

    public String backlogItems(UUID productId) {
        return backlog + "/api/v1/products/" + productId + "/backlog/items";
    }

    public static Reply expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + " but got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.header("Authorization", authorization).build();
            if (built.timeout().isEmpty()) {
                built = request.timeout(Duration.ofSeconds(10)).build();
            }
            HttpResponse<String> response = http.send(built,
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
