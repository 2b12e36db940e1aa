package dev.northstar.platform.consistency;

import dev.northstar.platform.kafka.KafkaClients;
import dev.northstar.platform.messaging.ConsumerPositions.Partition;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * What Kafka knows that {@code consumer_positions} may not, for reads that wait longer than a moment: the offsets the
 * consumer groups committed (a consumer commits only what it applied, so a position below them is applied, even on a
 * partition the consumer has not recorded since it was deployed), and the partitions' end offsets (a position at or
 * past the end was never written to this cluster, from before a topic was recreated, say: waiting would never end).
 * Asked at most once per {@code ask-kafka-after}, asynchronously.
 */
@ApplicationScoped
public class CommittedOffsets {
    private static final Logger LOG = Logger.getLogger(CommittedOffsets.class);

    private record End(long offset, Instant askedAt) {
    }

    private final KafkaClients kafka;
    private final Config config;
    private final Duration every;
    private final Map<TopicPartition, End> ends = new ConcurrentHashMap<>();
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile Instant lastAsked = Instant.EPOCH;
    private Admin admin;

    public CommittedOffsets(KafkaClients kafka, Config config, ConsistencySettings settings) {
        this.kafka = kafka;
        this.config = config;
        this.every = settings.askKafkaAfter();
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Whether the partition ended at or before {@code offset} when Kafka was asked after {@code since}: a record
     * acknowledged before {@code since} is always below the end, so such an offset names no record of this cluster.
     */
    boolean beyondEnd(Partition partition, long offset, Instant since) {
        End end = ends.get(new TopicPartition(partition.topic(), partition.partition()));
        return end != null && end.askedAt().isAfter(since) && offset >= end.offset();
    }

    /** Asks Kafka about the partitions (unless it was asked a moment ago), hands each committed offset to {@code learned}, then runs {@code then}. */
    void ask(List<Partition> partitions, BiConsumer<Partition, Long> learned, Runnable then) {
        Instant now = Instant.now();
        if (now.isBefore(lastAsked.plus(every)) || !asking.compareAndSet(false, true)) {
            return;
        }
        lastAsked = now;
        try {
            Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
            Map<String, String> consumerByGroup = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Partition partition : partitions) {
                TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
                latest.put(tp, OffsetSpec.latest());
                groupOf(partition.consumer()).ifPresent(group -> {
                    consumerByGroup.put(group, partition.consumer());
                    ListConsumerGroupOffsetsSpec spec = groups.computeIfAbsent(group, g -> new ListConsumerGroupOffsetsSpec());
                    List<TopicPartition> tps = new ArrayList<>(spec.topicPartitions() == null ? List.of() : spec.topicPartitions());
                    tps.add(tp);
                    spec.topicPartitions(tps);
                });
            }
            Admin client = admin();
            KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committed = client.listConsumerGroupOffsets(groups).all();
            KafkaFuture<Void> endsRead = client.listOffsets(latest).all().thenApply(offsets -> {
                offsets.forEach((tp, info) -> ends.put(tp, new End(info.offset(), now)));
                return null;
            });
            KafkaFuture.allOf(committed, endsRead).whenComplete((done, failed) -> {
                try {
                    if (failed != null) {
                        LOG.debugf("could not ask Kafka about consumer positions: %s", failed.toString());
                        return;
                    }
                    committed.getNow(Map.of()).forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
                        if (offset != null) {
                            learned.accept(new Partition(consumerByGroup.get(group), tp.topic(), tp.partition()), offset.offset() - 1);
                        }
                    }));
                } catch (Exception e) {
                    LOG.debugf("could not read Kafka's consumer offsets: %s", e.toString());
                } finally {
                    asking.set(false);
                    then.run();
                }
            });
        } catch (RuntimeException e) {
            asking.set(false);
            LOG.debugf("could not ask Kafka about consumer positions: %s", e.toString());
        }
    }

    private Optional<String> groupOf(String consumer) {
        return config.getOptionalValue("mp.messaging.incoming." + consumer + ".group.id", String.class);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = kafka.admin();
        }
        return admin;
    }
}
