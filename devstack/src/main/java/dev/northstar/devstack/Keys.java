package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Roles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code ./northstar keys}: the local run's keys.
 * <pre>
 *   ./northstar keys                   makes the signing key pair and the customer-data master key, if missing
 *   ./northstar keys rotate            a new customer-data master key; the old one stays as a previous key
 *   ./northstar keys forget-previous   drops the previous keys once the running services have nothing under them
 * </pre>
 */
public final class Keys {
    /** The services that keep values under the master key, and so must have re-wrapped them before a key goes. */
    static final List<String> SEALING = List.of("feedback-service", "integrations-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Devstack.Settings settings = Devstack.Settings.fromEnvironment(root);
        Path data = settings.dataDir();
        switch (args.length == 0 ? "" : args[0]) {
            case "" -> {
                LocalSigningKey key = LocalSigningKey.ensure(data);
                System.out.println("public key (give it to the services): " + key.publicKey());
                System.out.println("private key (mints tokens, keep it here): " + data.resolve("keys").resolve("jwt-private.pem"));
                LocalMasterKey.ensure(data);
                System.out.println("customer-data master key (give it to feedback-service and integrations-service, back it up): "
                        + LocalMasterKey.file(data));
            }
            case "rotate" -> {
                String old = LocalMasterKey.keyId(LocalMasterKey.ensure(data));
                String made = LocalMasterKey.keyId(LocalMasterKey.rotate(data));
                System.out.printf("""
                        The customer-data master key is now %s; the old one (%s) is a previous key in %s, which only opens.
                        The next ./northstar up re-wraps every customer's data key and every webhook secret under the new key
                        (the services do it at start; stop a running local run and start it again). Once that is done,
                        ./northstar keys forget-previous drops the old key.
                        """, made, old, LocalMasterKey.previousFile(data));
            }
            case "forget-previous" -> forgetPrevious(settings);
            default -> {
                System.err.println("usage: ./northstar keys [rotate | forget-previous]");
                System.exit(2);
            }
        }
    }

    private static void forgetPrevious(Devstack.Settings settings) throws IOException, GeneralSecurityException {
        Path data = settings.dataDir();
        List<String> previous = LocalMasterKey.previousKeys(data);
        if (previous.isEmpty()) {
            System.out.println("There is no previous customer-data master key to forget.");
            return;
        }
        String current = LocalMasterKey.keyId(LocalMasterKey.ensure(data));
        Set<String> previousIds = previous.stream().map(LocalMasterKey::keyId).collect(Collectors.toCollection(TreeSet::new));
        String token = LocalSigningKey.load(data).mint("keys@localhost", List.of(Roles.ADMIN), List.of(Roles.EVERY_PRODUCT),
                Duration.ofMinutes(5));
        List<String> refusals = new ArrayList<>();
        for (String service : SEALING) {
            String url = "http://localhost:" + settings.servicePorts().get(service) + "/api/v1/admin/"
                    + service.replace("-service", "") + "/master-keys";
            refusals.addAll(refusals(service, url, status(url, token), current, previousIds));
        }
        if (!refusals.isEmpty()) {
            System.err.println("./northstar keys forget-previous: the previous master keys " + previousIds + " are still needed:");
            refusals.forEach(refusal -> System.err.println("  " + refusal));
            System.exit(1);
        }
        LocalMasterKey.forgetPrevious(data);
        System.out.println("Forgot the previous master keys " + previousIds + " (" + LocalMasterKey.previousFile(data)
                + " is empty): nothing is under them any more. The running services drop them at their next start.");
    }

    /**
     * Why a service's status ({@code GET /api/v1/admin/<area>/master-keys}, null when it did not answer) forbids forgetting
     * the previous keys: it runs with another current key, was started without one of them, or still has values under
     * an old key. Empty when nothing needs them.
     */
    static List<String> refusals(String service, String url, JsonNode status, String current, Set<String> previousIds) {
        if (status == null) {
            return List.of(service + " does not answer at " + url + ": start the local run (./northstar up), which re-wraps at start");
        }
        List<String> refusals = new ArrayList<>();
        String running = status.path("currentKeyId").asText();
        Set<String> known = new TreeSet<>();
        status.path("previousKeyIds").forEach(id -> known.add(id.asText()));
        if (!running.equals(current) || !known.containsAll(previousIds)) {
            refusals.add(service + " runs with master key " + running + " and previous keys " + known + ", not " + current
                    + " and " + previousIds + ": restart the local run (./northstar up) so that it re-wraps under " + current);
        } else if (status.path("remainingTotal").asLong() > 0) {
            refusals.add(service + " still keeps values under old keys " + status.path("remaining") + " (last re-wrap: "
                    + status.path("lastRun") + "): wait a moment, or POST " + url + "/rewrap with an admin token");
        }
        return refusals;
    }

    private static JsonNode status(String url, String token) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Keys() {
    }
}
