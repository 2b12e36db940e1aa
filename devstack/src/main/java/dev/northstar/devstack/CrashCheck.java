package dev.northstar.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash check: a burst of writes to backlog-service, a {@code kill -9} of analytics-service (a consuming
 * service) and then of backlog-service in the middle of it, restarts; then it proves that no acknowledged write was
 * lost, that every stored event reached Kafka, that a consumer with an inbox applied each event exactly once, and
 * that analytics-service's facts consumer, killed while consuming, applied every backlog event exactly once too.
 * Prints its figures; exits 1 when a check fails. Runs its own PostgreSQL and Kafka in a scratch folder, on ports of its own.
 */
public final class CrashCheck {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int writers = Integer.parseInt(System.getProperty("writers", "8"));
        Duration burstBeforeKill = Duration.ofSeconds(Long.parseLong(System.getProperty("burstSeconds", "5")));
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("northstar-crash-check");
        Devstack.Settings settings = new Devstack.Settings(root, data, 56432, null, "postgres", "postgres", 59192, 59193,
                Map.of("roadmap-service", 18081, "backlog-service", 18082, "feedback-service", 18083, "analytics-service", 18084, "integrations-service", 18085));

        boolean passed;
        try (Devstack stack = Devstack.start(settings)) {
            String authorization = "Bearer " + stack.signingKey().everything("crash-check@localhost");
            NorthstarClient client = new NorthstarClient(stack.service("roadmap-service").url(), stack.service("backlog-service").url(),
                    stack.signingKey().everything("crash-check@localhost"));
            String base = client.backlogItems(client.createProduct(Map.of("name", "Crash check")));
            stack.postgres().ensureDatabases(List.of("crashcheck"));
            String consumerDb = stack.postgres().jdbcUrl("crashcheck");
            InboxConsumer consumer = new InboxConsumer(stack.kafkaBootstrapServers(), consumerDb, stack.postgres());
            Thread consumerThread = Thread.ofPlatform().name("crash-check-consumer").start(consumer);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong failedRequests = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    long n = 0;
                    while (writing.get()) {
                        String body = "{\"type\":\"STORY\",\"title\":\"crash check " + writer + "-" + (n++) + "\","
                                + "\"acceptanceCriteria\":[\"survives kill -9\"],\"jobSize\":3,\"businessValue\":5,"
                                + "\"timeCriticality\":3,\"riskReduction\":1}";
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", authorization)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201) {
                                Matcher id = ID.matcher(response.body());
                                if (id.find()) {
                                    acknowledged.add(id.group(1));
                                }
                            } else {
                                failedRequests.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failedRequests.incrementAndGet();
                            sleep(50);
                        }
                    }
                    return null;
                });
            }

            sleep(burstBeforeKill.toMillis() / 2);
            stack.kill("analytics-service");
            System.out.printf("kill -9 analytics-service after %d acknowledged writes%n", acknowledged.size());
            sleep(1000);
            stack.restart("analytics-service");
            sleep(burstBeforeKill.toMillis() / 2);
            int acknowledgedBeforeKill = acknowledged.size();
            stack.kill("backlog-service");
            System.out.printf("kill -9 backlog-service after %d acknowledged writes%n", acknowledgedBeforeKill);
            sleep(1000);
            long restartStarted = System.nanoTime();
            stack.restart("backlog-service");
            long restartMillis = (System.nanoTime() - restartStarted) / 1_000_000;
            sleep(2000);
            writing.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);

            // every acknowledged item must read back
            long lost = 0;
            for (String id : acknowledged) {
                HttpResponse<Void> read = http.send(HttpRequest.newBuilder(URI.create(base + "/" + id))
                                .header("Authorization", authorization).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (read.statusCode() != 200) {
                    lost++;
                }
            }

            // every stored event must reach the consumer, and be applied once
            long storedEvents;
            long storedItems;
            try (Connection backlog = DriverManager.getConnection(stack.postgres().jdbcUrl("backlog"), "postgres", "postgres");
                 Statement st = backlog.createStatement()) {
                storedEvents = scalar(st, "SELECT count(*) FROM event_store");
                storedItems = scalar(st, "SELECT count(DISTINCT stream_id) FROM event_store");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.applied() < storedEvents && System.nanoTime() < deadline) {
                sleep(200);
            }
            sleep(1000);
            consumer.stop();
            consumerThread.join();

            // analytics-service's facts consumer, killed mid-burst, must have applied every backlog event once that
            // changes one of its facts (the others it skips without an inbox row: FactsConsumer.NO_FACTS)
            Set<String> backlogEvents = ids(stack.postgres().jdbcUrl("backlog"), "SELECT event_id::text FROM event_store "
                    + "WHERE event_type NOT IN ('AcceptanceCriterionAdded', 'AcceptanceCriterionEdited', 'AcceptanceCriterionRemoved', "
                    + "'ItemEstimated', 'CostOfDelayAssessed', 'ItemLabelled', 'ItemDemandChanged', 'ItemReprioritized')");
            Set<String> appliedByAnalytics = Set.of();
            long itemFacts = 0;
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                appliedByAnalytics = ids(stack.postgres().jdbcUrl("analytics"), "SELECT event_id FROM inbox WHERE consumer = 'facts'");
                if (appliedByAnalytics.containsAll(backlogEvents)) {
                    break;
                }
                sleep(200);
            }
            try (Connection analytics = DriverManager.getConnection(stack.postgres().jdbcUrl("analytics"), "postgres", "postgres");
                 Statement st = analytics.createStatement()) {
                itemFacts = scalar(st, "SELECT count(*) FROM item_facts");
            }
            Set<String> missedByAnalytics = new HashSet<>(backlogEvents);
            missedByAnalytics.removeAll(appliedByAnalytics);

            long applied = consumer.applied();
            long maxEffectsPerEvent = consumer.maxEffectsPerEvent();
            System.out.println();
            System.out.println("crash check (kill -9 of analytics-service, then of backlog-service, during a burst of writes)");
            System.out.printf("  writers                          %d%n", writers);
            System.out.printf("  acknowledged writes (201)        %d%n", acknowledged.size());
            System.out.printf("  failed or unanswered requests    %d%n", failedRequests.get());
            System.out.printf("  items in the event store         %d%n", storedItems);
            System.out.printf("  acknowledged writes lost         %d%n", lost);
            System.out.printf("  events in the event store        %d%n", storedEvents);
            System.out.printf("  records delivered from Kafka     %d%n", consumer.delivered());
            System.out.printf("  duplicates dropped by the inbox  %d%n", consumer.delivered() - applied);
            System.out.printf("  events applied by the consumer   %d%n", applied);
            System.out.printf("  most effects of a single event   %d%n", maxEffectsPerEvent);
            System.out.printf("  restart to ready                 %d ms%n", restartMillis);
            System.out.printf("  analytics: backlog events applied %d of %d (missing %d)%n",
                    backlogEvents.size() - missedByAnalytics.size(), backlogEvents.size(), missedByAnalytics.size());
            System.out.printf("  analytics: item facts            %d (items %d)%n", itemFacts, storedItems);
            boolean ok = lost == 0 && applied == storedEvents && maxEffectsPerEvent == 1 && !acknowledged.isEmpty()
                    && missedByAnalytics.isEmpty() && itemFacts == storedItems;
            System.out.println(ok ? "PASSED" : "FAILED");
            passed = ok;
        }
        Devstack.deleteStoresOf(data);
        System.exit(passed ? 0 : 1);
    }

    private static Set<String> ids(String jdbcUrl, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A consumer of northstar.backlog.events that counts its effects: the event id goes into an inbox
     * table in the same transaction as the effect, so a redelivered event finds its id and does nothing.
     */
    static final class InboxConsumer implements Runnable {
        private final String bootstrap;
        private final String jdbcUrl;
        private final LocalPostgres postgres;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong applied = new AtomicLong();

        InboxConsumer(String bootstrap, String jdbcUrl, LocalPostgres postgres) throws SQLException {
            this.bootstrap = bootstrap;
            this.jdbcUrl = jdbcUrl;
            this.postgres = postgres;
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS inbox (event_id TEXT PRIMARY KEY)");
                st.execute("CREATE TABLE IF NOT EXISTS effects (event_id TEXT PRIMARY KEY, applied INTEGER NOT NULL)");
            }
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
        }

        long delivered() {
            return delivered.get();
        }

        long applied() {
            return applied.get();
        }

        long maxEffectsPerEvent() throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                return scalar(st, "SELECT coalesce(max(applied), 0) FROM effects");
            }
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "crash-check",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
                 Connection db = connect()) {
                db.setAutoCommit(false);
                consumer.subscribe(List.of("northstar.backlog.events"));
                try (PreparedStatement inbox = db.prepareStatement("INSERT INTO inbox (event_id) VALUES (?) ON CONFLICT DO NOTHING");
                     PreparedStatement effect = db.prepareStatement("""
                             INSERT INTO effects (event_id, applied) VALUES (?, 1)
                             ON CONFLICT (event_id) DO UPDATE SET applied = effects.applied + 1""")) {
                    while (running.get()) {
                        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                        for (ConsumerRecord<String, String> record : records) {
                            delivered.incrementAndGet();
                            Header id = record.headers().lastHeader("ce_id");
                            String eventId = new String(id.value(), StandardCharsets.UTF_8);
                            inbox.setString(1, eventId);
                            if (inbox.executeUpdate() == 1) {
                                effect.setString(1, eventId);
                                effect.executeUpdate();
                                applied.incrementAndGet();
                            }
                            db.commit();
                        }
                        consumer.commitSync();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("crash-check consumer failed", e);
            }
        }
    }
}
