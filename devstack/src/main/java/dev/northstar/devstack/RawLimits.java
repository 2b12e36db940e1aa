package dev.northstar.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the same PostgreSQL and Kafka can do without Northstar in between, measured in the benchmark's own run: the
 * denominators of its ratios.
 */
final class RawLimits {
    private static final String PAYLOAD = "{\"title\":\"bench\",\"type\":\"STORY\",\"acceptanceCriteria\":[\"fast\"],"
            + "\"jobSize\":3,\"businessValue\":5,\"timeCriticality\":3,\"riskReduction\":1,\"labels\":[]}";

    private RawLimits() {
    }

    /**
     * Transactions per second of {@code clients} connections each committing transactions of {@code inserts}
     * single-row inserts of an event-sized row (pgbench-style), for {@code duration}.
     */
    static double postgresTransactions(LocalPostgres postgres, int clients, int inserts, Duration duration) throws Exception {
        String url = postgres.jdbcUrl("bench");
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
             Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS raw_events");
            ddl.execute("""
                    CREATE TABLE raw_events (position BIGSERIAL PRIMARY KEY, stream_id UUID NOT NULL, version INT NOT NULL,
                        event_id UUID NOT NULL UNIQUE, payload JSONB NOT NULL, occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                        UNIQUE (stream_id, version))""");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long transactions = 0;
                try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO raw_events (stream_id, version, event_id, payload) VALUES (?, ?, ?, ?::jsonb)")) {
                    connection.setAutoCommit(inserts == 1);
                    while (System.nanoTime() < end) {
                        UUID stream = UUID.randomUUID();
                        for (int i = 1; i <= inserts; i++) {
                            insert.setObject(1, stream);
                            insert.setInt(2, i);
                            insert.setObject(3, UUID.randomUUID());
                            insert.setString(4, PAYLOAD);
                            insert.executeUpdate();
                        }
                        if (inserts > 1) {
                            connection.commit();
                        }
                        transactions++;
                    }
                }
                return transactions;
            }));
        }
        long transactions = 0;
        for (Future<Long> result : results) {
            transactions += result.get();
        }
        pool.shutdown();
        return transactions / (Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    /**
     * Latencies (microseconds) from a producer's send (acks=all, idempotent, as the outbox relay sends, without
     * lingering) to a subscribed consumer's receipt (read_committed), one record every {@code interval}.
     */
    static Latencies kafkaEndToEnd(String bootstrap, int records, Duration interval) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Latencies latencies = new Latencies();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            producer.send(new ProducerRecord<>(topic, "warm-up", Long.toString(System.nanoTime()))).get();
            Thread receiver = Thread.ofPlatform().start(() -> {
                int received = 0;
                while (received < records + 1) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (!record.key().equals("warm-up")) {
                            latencies.add((System.nanoTime() - Long.parseLong(record.value())) / 1000);
                        }
                        received++;
                    }
                }
            });
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 16), Long.toString(System.nanoTime())));
                Thread.sleep(interval.toMillis());
            }
            receiver.join(Duration.ofSeconds(30).toMillis());
        }
        return latencies;
    }
}
