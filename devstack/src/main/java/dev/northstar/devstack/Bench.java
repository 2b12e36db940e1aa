package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static dev.northstar.devstack.NorthstarClient.expect;

/**
 * {@code ./northstar bench}: starts a fresh local stack, measures what its PostgreSQL and Kafka can do on their own
 * (the raw limits), then Northstar's figures against them, and prints one table: figure, Northstar, raw limit,
 * ratio, target, PASS/FAIL. The targets are those of the performance issue (#10).
 */
public final class Bench {
    private static final String ITEM = "{\"type\":\"STORY\",\"title\":\"bench\",\"acceptanceCriteria\":[\"fast\"],\"jobSize\":3,"
            + "\"businessValue\":5,\"timeCriticality\":3,\"riskReduction\":1%s}";

    private final List<Row> rows = new ArrayList<>();

    record Row(String figure, String northstar, String limit, String ratio, String target, String verdict) {
    }

    public static void main(String[] args) throws Exception {
        new Bench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        int clients = Integer.parseInt(System.getProperty("clients", "8"));
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("seconds", "20")));
        int linked = Integer.parseInt(System.getProperty("linkedItems", "1000"));
        // -Donly=reads,moves,feedback,rebuild runs the creates and those sections only (for profiling one of them)
        List<String> only = List.of(System.getProperty("only", "").split(",")).stream().filter(s -> !s.isBlank()).toList();
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("northstar-bench");
        Devstack.Settings settings = new Devstack.Settings(root, data, 56532, null, "postgres", "postgres", 59292, 59293,
                Map.of("roadmap-service", 18181, "backlog-service", 18182, "feedback-service", 18183, "analytics-service", 18184));

        long starting = System.nanoTime();
        Latencies kafka;
        try (Devstack stack = Devstack.start(settings)) {
            Duration startup = Duration.ofNanos(System.nanoTime() - starting);
            stack.postgres().ensureDatabases(List.of("bench"));
            String token = stack.signingKey().everything("bench@localhost");
            String roadmapUrl = stack.service("roadmap-service").url();
            String backlogUrl = stack.service("backlog-service").url();
            NorthstarClient client = new NorthstarClient(roadmapUrl, backlogUrl, token);

            say("raw limits: PostgreSQL four-insert transactions (%d clients), single inserts (1 client), Kafka end to end ...", clients);
            double rawFourInserts = RawLimits.postgresTransactions(stack.postgres(), clients, 4, Duration.ofSeconds(10));
            double rawSingleInserts = RawLimits.postgresTransactions(stack.postgres(), 1, 1, Duration.ofSeconds(5));
            kafka = RawLimits.kafkaEndToEnd(stack.kafkaBootstrapServers(), 500, Duration.ofMillis(10));

            UUID product = client.createProduct(Map.of("name", "Benchmark"));
            String items = client.backlogItems(product);
            say("warming up for 10 s ...");
            Result warmUp = timed(items, token, clients, Duration.ofSeconds(10), String.format(ITEM, ""));

            Latencies relayLag = new Latencies();
            AtomicBoolean consuming = new AtomicBoolean(true);
            Thread relay = Thread.ofPlatform().start(() -> measureRelayLag(stack.kafkaBootstrapServers(), consuming, relayLag));
            NorthstarClient.pause(2000);
            say("creating items for %d s with %d clients ...", measure.toSeconds(), clients);
            Result writes = timed(items, token, clients, measure, String.format(ITEM, ""));
            NorthstarClient.pause(2000);
            consuming.set(false);
            relay.join();
            say("creating items for %d s with 1 client ...", measure.toSeconds() / 2);
            Result oneClient = timed(items, token, 1, measure.dividedBy(2), String.format(ITEM, ""));
            add("create item (4 events), " + clients + " clients", "%.0f req/s, p50 %.1f ms".formatted(writes.rate(), writes.latencies().millis(50)),
                    "%.0f four-insert tx/s".formatted(rawFourInserts), writes.rate() / rawFourInserts, ">= 40%", writes.rate() / rawFourInserts >= 0.40);
            add("create item, 1 client", "%.0f req/s, p50 %.1f ms".formatted(oneClient.rate(), oneClient.latencies().millis(50)),
                    "%.0f single inserts/s".formatted(rawSingleInserts), oneClient.rate() / rawSingleInserts, "-", null);
            add("commit -> Kafka consumer", "p50 %.1f ms, p99 %.1f ms".formatted(relayLag.millis(50), relayLag.millis(99)),
                    "Kafka e2e p99 %.1f ms".formatted(kafka.millis(99)), relayLag.millis(99) / kafka.millis(99), "-", null);

            long backlogSize = warmUp.requests() + writes.requests() + oneClient.requests();
            if (only.isEmpty() || only.contains("reads")) {
                say("reading pages of the %d-item backlog with 1 client ...", backlogSize);
                Latencies firstPage = reads(client, items + "?limit=50", 300);
                String cursor = expect(client.get(items + "?limit=50"), 200).body().path("next").asText();
                Latencies cursorPage = reads(client, items + "?limit=50&cursor=" + cursor, 300);
                add("first page (50) of %,d items, 1 client".formatted(backlogSize), "p50 %.1f ms".formatted(firstPage.millis(50)), "", 0,
                        "p50 <= 10 ms at 100,000", backlogSize >= 100_000 ? firstPage.millis(50) <= 10 : null);
                add("page by cursor of %,d items, 1 client".formatted(backlogSize), "p50 %.1f ms".formatted(cursorPage.millis(50)), "", 0,
                        "p50 <= 10 ms at 100,000", backlogSize >= 100_000 ? cursorPage.millis(50) <= 10 : null);
            }
            if (only.isEmpty() || only.contains("moves")) {
                roadmapMoves(client, product, items, token, clients, linked, kafka);
            }
            if (only.isEmpty() || only.contains("feedback")) {
                feedbackToStream(stack, client, product, token, kafka);
            }
            if (only.isEmpty() || only.contains("rebuild")) {
                say("rebuilding the backlog-items projection ...");
                long rebuilding = System.nanoTime();
                JsonNode rebuilt = expect(client.post(backlogUrl + "/api/v1/admin/projections/backlog-items/rebuild", Map.of()), 200).body();
                double rebuildSeconds = (System.nanoTime() - rebuilding) / 1e9;
                long replayed = rebuilt.path("eventsReplayed").asLong();
                add("projection rebuild (%,d events)".formatted(replayed), "%,.0f events/s".formatted(replayed / rebuildSeconds), "", 0,
                        ">= 50,000 events/s", replayed / rebuildSeconds >= 50_000);
            }

            add("first start (new data) until all ready", "%.1f s".formatted(startup.toMillis() / 1000.0), "", 0, "-", null);
            long rss = residentBytes(ProcessHandle.current().descendants().toList());
            add("whole local run, RSS", "%.2f GB".formatted(rss / 1e9), "", 0, "<= 1.2 GB", rss <= 1_200_000_000L);
            for (ServiceProcess service : stack.services()) {
                say("RSS %-18s %4d MB", service.name(), residentBytes(ProcessHandle.of(service.pid()).stream().toList()) / 1_000_000);
            }
            say("RSS %-18s %4d MB", "everything else", (rss - stack.services().stream()
                    .mapToLong(service -> residentBytes(ProcessHandle.of(service.pid()).stream().toList())).sum()) / 1_000_000);
        }
        say("stopped; starting the same stack again on its data, as ./northstar up --no-build does ...");
        long restarting = System.nanoTime();
        try (Devstack ignored = Devstack.start(settings)) {
            Duration restart = Duration.ofNanos(System.nanoTime() - restarting);
            add("up --no-build (existing data) until all ready", "%.1f s".formatted(restart.toMillis() / 1000.0), "", 0, "<= 20 s",
                    restart.toSeconds() < 20);
        }
        print(clients, kafka);
    }

    /** A roadmap move: how soon one linked item's score is readable, and how long rescoring many linked items takes. */
    private void roadmapMoves(NorthstarClient client, UUID product, String items, String token, int clients, int linked,
                              Latencies kafka) throws Exception {
        String roadmap = client.roadmap(product);
        String theme = expect(client.post(roadmap + "/themes", Map.of("name", "Bench", "weight", 1)), 201).id();
        String single = initiative(client, product, theme, "one item");
        String item = expect(client.post(items, json(String.format(ITEM, ",\"initiativeId\":\"" + single + "\""))), 201).id();
        say("moving an initiative with 1 linked item 40 times ...");
        Latencies moveToScore = new Latencies();
        String[] horizons = {"NOW", "NEXT"};
        for (int i = 0; i < 40; i++) {
            String horizon = horizons[i % 2];
            long moved = System.nanoTime();
            expect(client.post(roadmap + "/initiatives/" + single + "/move", Map.of("horizon", horizon)), 200);
            awaitHorizon(client, items + "/" + item + "/priority", horizon);
            moveToScore.add((System.nanoTime() - moved) / 1000);
        }
        add("roadmap move -> linked score readable", "p50 %.1f ms, p99 %.1f ms".formatted(moveToScore.millis(50), moveToScore.millis(99)),
                "Kafka e2e p99 %.1f ms".formatted(kafka.millis(99)), moveToScore.millis(99) / kafka.millis(99), "p99 <= 10x",
                moveToScore.millis(99) <= 10 * kafka.millis(99));

        String many = initiative(client, product, theme, "many items");
        say("linking %d new items to one initiative ...", linked);
        Result created = counted(items, token, clients, linked, String.format(ITEM, ",\"initiativeId\":\"" + many + "\""));
        String first = created.firstId();
        String last = created.lastId();
        say("moving it ...");
        long moved = System.nanoTime();
        expect(client.post(roadmap + "/initiatives/" + many + "/move", Map.of("horizon", "NOW")), 200);
        awaitHorizon(client, items + "/" + first + "/priority", "NOW");
        awaitHorizon(client, items + "/" + last + "/priority", "NOW");
        double seconds = (System.nanoTime() - moved) / 1e9;
        add("move rescoring %,d linked items".formatted(linked), "%.2f s".formatted(seconds), "", 0,
                "10,000 among 100,000 <= 2 s", linked >= 10_000 ? seconds <= 2 : null);
    }

    private static String initiative(NorthstarClient client, UUID product, String theme, String title) {
        String id = expect(client.post(client.roadmap(product) + "/initiatives",
                Map.of("title", title, "themeId", theme, "horizon", "LATER")), 201).id();
        String known = client.backlogItems(product).replace("/backlog/items", "/backlog/initiatives/") + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.get(known).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("backlog-service did not hear of initiative " + id);
            }
            NorthstarClient.pause(5);
        }
        return id;
    }

    private static void awaitHorizon(NorthstarClient client, String priority, String horizon) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!horizon.equals(expect(client.get(priority), 200).body().path("roadmap").path("horizon").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(priority + " did not reach " + horizon + " within 60 s");
            }
            NorthstarClient.pause(2);
        }
    }

    /** Feedback submitted over HTTP until its metric arrives on the dashboard's SSE stream. */
    private void feedbackToStream(Devstack stack, NorthstarClient client, UUID product, String token, Latencies kafka)
            throws Exception {
        String feedback = stack.service("feedback-service").url() + "/api/v1/products/" + product + "/feedback";
        String stream = stack.service("analytics-service").url() + "/api/v1/products/" + product + "/metrics/stream";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.get(feedback).status() != 200 && System.nanoTime() < deadline) {
            NorthstarClient.pause(50);
        }
        expect(client.post(feedback, Map.of("source", "SUPPORT", "customerId", "c-0", "account", "Acme", "accountValue", 1000,
                "rating", 9, "text", "first")), 201);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(stream)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofLines()).body().filter(line -> line.startsWith("data:")).forEach(events::add);
            } catch (Exception e) {
                // the stream ends with the benchmark
            }
        });
        say("submitting feedback 50 times (10 to warm up) and waiting for each on the metrics stream ...");
        waitFor(events, "\"total\":1", Duration.ofSeconds(30));
        Latencies toStream = new Latencies();
        long slowest = 0;
        int slowestIndex = 0;
        for (int i = 2; i <= 51; i++) {
            long sent = System.nanoTime();
            expect(client.post(feedback, Map.of("source", "SUPPORT", "customerId", "c-" + i, "account", "Acme",
                    "accountValue", 1000, "rating", 9, "text", "bench")), 201);
            waitFor(events, "\"total\":" + i + ",", Duration.ofSeconds(30));
            long took = (System.nanoTime() - sent) / 1000;
            if (i > 11) {   // the first ten warm the path up
                toStream.add(took);
            }
            if (took > slowest) {
                slowest = took;
                slowestIndex = i;
            }
        }
        say("slowest feedback -> stream: submission %d, %d ms", slowestIndex, slowest / 1000);
        reader.interrupt();
        add("feedback -> metric on SSE", "p50 %.1f ms, p99 %.1f ms".formatted(toStream.millis(50), toStream.millis(99)),
                "Kafka e2e p99 %.1f ms".formatted(kafka.millis(99)), toStream.millis(99) / kafka.millis(99), "p99 <= 10x",
                toStream.millis(99) <= 10 * kafka.millis(99));
    }

    private static void waitFor(BlockingQueue<String> events, String feedbackVolume, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new IllegalStateException("no feedback.volume update with " + feedbackVolume + " on the stream");
            }
            if (event.contains("\"feedback.volume\"") && event.contains(feedbackVolume)) {
                return;
            }
        }
    }

    private void add(String figure, String northstar, String limit, double ratio, String target, Boolean pass) {
        rows.add(new Row(figure, northstar, limit, limit.isEmpty() ? "" : ratio >= 1 ? "%.1fx".formatted(ratio) : "%.1f%%".formatted(ratio * 100),
                target, pass == null ? (target.equals("-") ? "" : "n/a") : pass ? "PASS" : "FAIL"));
    }

    private void print(int clients, Latencies kafka) {
        System.out.println();
        System.out.printf("Northstar benchmark (%s, %d cores; Kafka e2e p50 %.1f ms, p99 %.1f ms)%n", System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors(), kafka.millis(50), kafka.millis(99));
        System.out.println();
        String[] header = {"figure", "Northstar", "raw limit, same run", "ratio", "target", ""};
        int[] width = new int[header.length];
        List<String[]> table = new ArrayList<>();
        table.add(header);
        rows.forEach(row -> table.add(new String[]{row.figure(), row.northstar(), row.limit(), row.ratio(), row.target(), row.verdict()}));
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : table) {
            StringBuilder out = new StringBuilder("| ");
            for (int i = 0; i < line.length; i++) {
                out.append(String.format("%-" + width[i] + "s | ", line[i]));
            }
            System.out.println(out.toString().stripTrailing());
            if (line == header) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                System.out.println(rule);
            }
        }
    }

    record Result(long requests, long errors, Duration elapsed, Latencies latencies, List<String> ids) {
        double rate() {
            return requests / (elapsed.toMillis() / 1000.0);
        }

        String firstId() {
            return ids.getFirst();
        }

        String lastId() {
            return ids.getLast();
        }
    }

    /** {@code clients} clients each creating items until {@code duration} has passed. */
    private static Result timed(String url, String token, int clients, Duration duration, String body) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        return load(url, token, clients, body, ignored -> System.nanoTime() < end);
    }

    /** {@code clients} clients creating {@code count} items between them. */
    private static Result counted(String url, String token, int clients, int count, String body) throws Exception {
        AtomicLong left = new AtomicLong(count);
        return load(url, token, clients, body, ignored -> left.getAndDecrement() > 0);
    }

    private static Result load(String url, String token, int clients, String body,
                               Predicate<Void> another) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Latencies latencies = new Latencies();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (another.test(null)) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (response.statusCode() == 201) {
                        ids.add(response.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(""));
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return new Result(ids.size(), errors.get(), Duration.ofNanos(System.nanoTime() - started), latencies, ids);
    }

    private static Latencies reads(NorthstarClient client, String url, int times) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            expect(client.get(url), 200);
            latencies.add((System.nanoTime() - t0) / 1000);
        }
        return latencies;
    }

    private static void measureRelayLag(String bootstrap, AtomicBoolean running, Latencies lag) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("northstar.backlog.events"));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Header time = record.headers().lastHeader("ce_time");
                    Instant occurred = Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
                    lag.add(Duration.between(occurred, Instant.now()).toNanos() / 1000);
                }
            }
        }
    }

    /** The resident memory of everything the benchmark started: services, Kafka, PostgreSQL and its workers. */
    private static long residentBytes(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(process -> {
            try {
                return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).sum();
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }).sum();
    }

    private static Map<String, Object> json(String body) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper().readValue(body, Map.class);
            return map;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
