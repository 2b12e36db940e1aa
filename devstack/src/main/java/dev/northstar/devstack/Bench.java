package dev.northstar.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backlog-service benchmark: concurrent clients create items (4 events each) and read the backlog
 * for a fixed time against a fresh local stack, while a Kafka consumer measures how long each event
 * takes from its commit to a consumer (outbox relay included). Prints throughput and latency percentiles.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(System.getProperty("clients", "8"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("warmupSeconds", "10")));
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("seconds", "20")));
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("northstar-bench");
        Devstack.Settings settings = new Devstack.Settings(root, data, 56532, null, "postgres", "postgres", 59292, 59293,
                Map.of("roadmap-service", 18181, "backlog-service", 18182, "feedback-service", 18183, "analytics-service", 18184));

        try (Devstack stack = Devstack.start(settings)) {
            String token = stack.signingKey().everything("bench@localhost");
            NorthstarClient client = new NorthstarClient(stack.service("roadmap-service").url(), stack.service("backlog-service").url(), token);
            String items = client.backlogItems(client.createProduct(Map.of("name", "Benchmark")));
            System.out.printf("warming up for %d s ...%n", warmup.toSeconds());
            run(items, token, clients, warmup, true);
            List<Long> relayLag = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean consuming = new AtomicBoolean(true);
            Thread consumer = Thread.ofPlatform().start(() -> measureRelayLag(stack.kafkaBootstrapServers(), consuming, relayLag));
            Thread.sleep(2000);

            System.out.printf("measuring writes for %d s with %d clients ...%n", measure.toSeconds(), clients);
            Result writes = run(items, token, clients, measure, true);
            Thread.sleep(2000);
            consuming.set(false);
            consumer.join();
            System.out.printf("measuring reads for %d s with %d clients ...%n", measure.toSeconds(), clients);
            Result reads = run(items + "?limit=50", token, clients, measure, false);

            System.out.println();
            System.out.printf("backlog-service benchmark (%d clients, %d s each, %s, %d cores)%n", clients, measure.toSeconds(),
                    System.getProperty("os.name"), Runtime.getRuntime().availableProcessors());
            writes.print("POST item (4 events)");
            reads.print("GET backlog page (50)");
            List<Long> lag = new ArrayList<>(relayLag);
            Collections.sort(lag);
            System.out.printf("  %-24s %7d events       p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms%n", "commit -> Kafka consumer",
                    lag.size(), pct(lag, 50) / 1000.0, pct(lag, 95) / 1000.0, pct(lag, 99) / 1000.0);
        }
        System.exit(0);
    }

    record Result(long requests, long errors, Duration elapsed, List<Long> latenciesMicros) {
        void print(String label) {
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            System.out.printf("  %-24s %7.0f req/s %s p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms%n", label,
                    requests / (elapsed.toMillis() / 1000.0), errors == 0 ? "         " : "(" + errors + " err)",
                    pct(sorted, 50) / 1000.0, pct(sorted, 95) / 1000.0, pct(sorted, 99) / 1000.0);
        }
    }

    private static Result run(String url, String token, int clients, Duration duration, boolean write) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long ok = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token);
                    if (write) {
                        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"type\":\"STORY\",\"title\":\"bench\",\"acceptanceCriteria\":[\"fast\"],\"jobSize\":3,"
                                        + "\"businessValue\":5,\"timeCriticality\":3,\"riskReduction\":1}"));
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (response.statusCode() / 100 == 2) {
                        ok++;
                    } else {
                        errors++;
                    }
                }
                return new long[]{ok, errors};
            }));
        }
        long ok = 0;
        long errors = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            ok += r[0];
            errors += r[1];
        }
        pool.shutdown();
        return new Result(ok, errors, Duration.ofNanos(System.nanoTime() - started), latencies);
    }

    private static void measureRelayLag(String bootstrap, AtomicBoolean running, List<Long> lagMicros) {
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
                    lagMicros.add(Duration.between(occurred, Instant.now()).toNanos() / 1000);
                }
            }
        }
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
