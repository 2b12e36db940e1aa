package dev.northstar.devstack;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./northstar receive}: a webhook endpoint on this machine that prints each delivery it gets (its webhook-id,
 * the CloudEvent's type and subject, whether the signature verifies with the secret given) and answers 204. For
 * trying webhooks out with the local run, which sends to loopback addresses over plain http.
 */
public final class WebhookPrinter {

    public static void main(String[] args) throws Exception {
        int port = 9999;
        String secret = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--secret" -> secret = args[++i];
                default -> {
                    System.err.println("usage: ./northstar receive [--port 9999] [--secret whsec_...]");
                    System.exit(2);
                }
            }
        }
        Webhook verifier = secret == null ? null : new Webhook(secret);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> print(exchange, verifier));
        server.start();
        System.out.printf("Receiving webhooks at http://localhost:%d/ (%s). Ctrl-C to stop.%n", port,
                verifier == null ? "signatures not checked: give --secret" : "checking signatures");
        new CountDownLatch(1).await();
    }

    private static void print(HttpExchange exchange, Webhook verifier) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach(headers::put);
        String signature;
        if (verifier == null) {
            signature = "signature not checked";
        } else {
            try {
                verifier.verify(body, headers);
                signature = "signature verified";
            } catch (Exception e) {
                signature = "SIGNATURE REFUSED: " + e.getMessage();
            }
        }
        System.out.printf("%s %s %s subject=%s webhook-id=%s %s%n  %s%n", Instant.now(), exchange.getRequestMethod(),
                field(body, "type"), field(body, "subject"), first(headers, "webhook-id"), signature, body);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return "?";
        }
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "-" : values.getFirst();
    }

    private WebhookPrinter() {
    }
}
