package dev.northstar.platform.kafka;

import dev.northstar.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Creates the service's own topic, the topics its {@code @Incoming} channels read and their dead-letter topics if
 * they are missing, before the channels start, so that a local run and the tests need no separate set-up step
 * (and no consumer auto-creates a topic with the broker's defaults). Where topics are managed elsewhere (Strimzi
 * KafkaTopics, say) set {@code northstar.topics.create=false}. Without Kafka the service starts all the same and
 * creates them once Kafka answers.
 */
@ApplicationScoped
public class TopicBootstrap {
    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Pattern CHANNEL_TOPICS = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topics?");

    private final KafkaClients kafka;
    private final Config config;
    private final boolean create;
    private final String eventsTopic;
    private final int partitions;
    private final short replicationFactor;
    private final boolean compacted;
    private Thread retries;

    public TopicBootstrap(KafkaClients kafka, Config config,
                          @ConfigProperty(name = "northstar.topics.create", defaultValue = "true") boolean create,
                          @ConfigProperty(name = "northstar.events.topic") String eventsTopic,
                          @ConfigProperty(name = "northstar.topics.partitions", defaultValue = "3") int partitions,
                          @ConfigProperty(name = "northstar.topics.replication-factor", defaultValue = "1") short replicationFactor,
                          @ConfigProperty(name = "northstar.events.topic-compacted", defaultValue = "false") boolean compacted) {
        this.kafka = kafka;
        this.config = config;
        this.create = create;
        this.eventsTopic = eventsTopic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.compacted = compacted;
    }

    /**
     * Kept forever, except a compacted topic: only its latest record per key stays, and the cleaner runs within about
     * two hours of a change (segments roll hourly), which is what makes a replaced record (a destroyed key) go away.
     */
    private static Map<String, String> settingsOf(String topic) {
        if (Topics.isCompacted(topic)) {
            return Map.of("cleanup.policy", "compact", "segment.ms", "3600000", "max.compaction.lag.ms", "3600000",
                    "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "3600000");
        }
        return Map.of("retention.ms", "-1");
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!create) {
            return;
        }
        List<NewTopic> wanted = new ArrayList<>();
        // events are kept forever (retention -1): they are the history every consumer can be rebuilt from
        wanted.add(topic(eventsTopic, partitions, compacted ? Map.of("cleanup.policy", "compact") : Map.of("retention.ms", "-1")));
        for (String name : config.getPropertyNames()) {
            if (!CHANNEL_TOPICS.matcher(name).matches()) {
                continue;
            }
            for (String topic : config.getValue(name, String.class).split(",")) {
                wanted.add(topic(topic.trim(), partitions, settingsOf(topic.trim())));
                wanted.add(topic(Topics.deadLetterTopicOf(topic.trim()), 1, Map.of("retention.ms", "-1")));
            }
        }
        for (String topic : config.getOptionalValues("northstar.topics.also-published", String.class).orElse(List.of())) {
            wanted.add(topic(topic.trim(), partitions, settingsOf(topic.trim())));
        }
        try {
            ensureExist(wanted);
        } catch (RuntimeException e) {
            // Kafka is not there yet (a first install, an outage): start anyway, writes wait in the outbox, and keep
            // trying in the background instead of failing the start, which would only make Kubernetes restart the pod
            LOG.warnf("cannot create the Kafka topics yet (%s); retrying in the background", e.getMessage());
            retries = Thread.ofVirtual().name("topic-bootstrap").start(() -> retryUntilCreated(wanted));
        }
    }

    private void retryUntilCreated(List<NewTopic> wanted) {
        Duration pause = Duration.ofSeconds(1);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(pause);
                ensureExist(wanted);
                LOG.info("Kafka topics in place");
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                LOG.debugf("Kafka topics still cannot be created: %s", e.getMessage());
            }
        }
    }

    @PreDestroy
    void stopRetrying() {
        if (retries != null) {
            retries.interrupt();
        }
    }

    private NewTopic topic(String name, int partitionCount, Map<String, String> topicConfig) {
        return new NewTopic(name, partitionCount, replicationFactor).configs(topicConfig);
    }

    private void ensureExist(List<NewTopic> wanted) {
        Admin admin = kafka.admin();
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, NewTopic> missing = new LinkedHashMap<>();
            wanted.stream().filter(t -> !existing.contains(t.name())).forEach(t -> missing.putIfAbsent(t.name(), t));
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing.values()).all().get(30, TimeUnit.SECONDS);
                LOG.infof("created topics %s", missing.keySet());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics at " + kafka.bootstrapServers(), e);
        } finally {
            // without a broker, close() would wait out the calls still pending (a minute by default)
            admin.close(Duration.ofSeconds(1));
        }
    }
}
