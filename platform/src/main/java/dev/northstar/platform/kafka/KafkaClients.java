package dev.northstar.platform.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka clients the platform makes itself (the outbox relay's producer, admin, dead-letter readers), built on the
 * service's {@code kafka.*} configuration as Quarkus collects it for every client, the {@code @Incoming} channels
 * included: bootstrap servers, TLS and SASL settings and tuning reach all of them from one place. Only the settings
 * Northstar's guarantees depend on are set here, and only where the configuration does not name them.
 */
@ApplicationScoped
public class KafkaClients {
    /** Settings of the common configuration that belong to one kind of client and break the others. */
    private static final Set<String> CLIENT_SPECIFIC = Set.of("group.id", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "auto.offset.reset", "enable.auto.commit", "isolation.level",
            "acks", "enable.idempotence", "max.poll.records");

    private final Map<String, Object> common;
    private final String serviceName;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                        @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.common = new HashMap<>(kafkaConfig);
        CLIENT_SPECIFIC.forEach(common::remove);
        this.serviceName = serviceName;
    }

    public String bootstrapServers() {
        return String.valueOf(common.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** An idempotent producer: acks from all in-sync replicas, no duplicates or reordering from its own retries. */
    public Producer<String, String> producer(String purpose) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-" + purpose);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    /** A consumer without a group, for reading partitions it assigns itself (dead letters, rebuilds): committed records only. */
    public Consumer<String, String> reader() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, serviceName + "-reader-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    public Admin admin() {
        Map<String, Object> config = new HashMap<>(common);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, serviceName + "-admin");
        return Admin.create(config);
    }
}
