package dev.northstar.systemtests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends {@link FuzzCases.Probe}s to a service, one after the other, and keeps what went wrong: an answer 5xx (or
 * none at all), a 4xx that is not an {@code application/problem+json} document of its own status; and, apart, the
 * malformed writes that were not refused. Counts the statuses seen.
 */
public final class Fuzzer {
    /** A probe and what it got that it should not have. */
    public record Finding(String service, FuzzCases.Probe probe, int status, String contentType, String answer) {
        @Override
        public String toString() {
            return "%s %s (%s): %s %s %s %s".formatted(service, probe.operation(), probe.what(), probe.method(),
                    shorten(probe.target()), status == 0 ? "no answer" : status + " " + contentType, shorten(answer));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Finding> accepted = new ArrayList<>();
    private int sent;

    /** Fetches a running service's OpenAPI document. */
    public JsonNode document(String serviceUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(serviceUrl + "/q/openapi answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    public void send(String service, String serviceUrl, List<FuzzCases.Probe> probes) throws InterruptedException {
        for (FuzzCases.Probe probe : probes) {
            send(service, serviceUrl, probe);
        }
    }

    private void send(String service, String serviceUrl, FuzzCases.Probe probe) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUrl + probe.target()))
                .timeout(Duration.ofSeconds(30))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(request::header);
        sent++;
        int status;
        String contentType;
        String answer;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream body = response.body()) {
                // a stream (text/event-stream) stays open: its first bytes are not what is judged
                answer = contentType.startsWith("text/event-stream") ? ""
                        : new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            findings.add(new Finding(service, probe, 0, "", e.toString()));
            statuses.merge(0, 1, Integer::sum);
            return;
        }
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 || (status >= 400 && !isProblem(status, contentType, answer))) {
            findings.add(new Finding(service, probe, status, contentType, answer));
        } else if (probe.mustBeRefused() && status < 400) {
            accepted.add(new Finding(service, probe, status, contentType, answer));
        }
    }

    /** An RFC 9457 problem document whose {@code status} is the answer's. */
    private static boolean isProblem(int status, String contentType, String answer) {
        if (!contentType.startsWith("application/problem+json")) {
            return false;
        }
        try {
            return JSON.readTree(answer).path("status").asInt() == status;
        } catch (IOException e) {
            return false;
        }
    }

    public int sent() {
        return sent;
    }

    /** Status → how many answers had it (0: no answer). */
    public Map<Integer, Integer> statuses() {
        return statuses;
    }

    /** Answers 5xx, none, or 4xx without a problem document of their own status. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * Malformed writes answered 2xx: a batch that reports its invalid rows (feedback's import) does; whether any of
     * them appended an event, the event stores tell.
     */
    public List<Finding> accepted() {
        return accepted;
    }

    private static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
