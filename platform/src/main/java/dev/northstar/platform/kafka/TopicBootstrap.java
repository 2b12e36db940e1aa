package dev.northstar.platform.kafka;

import dev.northstar.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the service's own topic and its consumers' dead-letter topics if they are missing, so that
 * a local run and the tests need no separate set-up step. Where topics are managed elsewhere
 * (Strimzi KafkaTopics, say) set {@code northstar.topics.create=false}.
 */
@ApplicationScoped
public class TopicBootstrap {
    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    private final KafkaClients kafka;
    private final boolean create;
    private final String eventsTopic;
    private final int partitions;
    private final short replicationFactor;
    private final boolean compacted;

    public TopicBootstrap(KafkaClients kafka,
                          @ConfigProperty(name = "northstar.topics.create", defaultValue = "true") boolean create,
                          @ConfigProperty(name = "northstar.events.topic") String eventsTopic,
                          @ConfigProperty(name = "northstar.topics.partitions", defaultValue = "3") int partitions,
                          @ConfigProperty(name = "northstar.topics.replication-factor", defaultValue = "1") short replicationFactor,
                          @ConfigProperty(name = "northstar.events.topic-compacted", defaultValue = "false") boolean compacted) {
        this.kafka = kafka;
        this.create = create;
        this.eventsTopic = eventsTopic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.compacted = compacted;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (create) {
            ensureExist(Set.of(eventsTopic), compacted ? Map.of("cleanup.policy", "compact") : Map.of("retention.ms", "-1"));
        }
    }

    /** Creates the topics and their dead-letter topics if missing; events are kept forever (retention -1). */
    public void ensureExist(Set<String> topics) {
        ensureExist(topics, Map.of("retention.ms", "-1"));
    }

    private void ensureExist(Set<String> topics, Map<String, String> topicConfig) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : topics) {
            wanted.add(new NewTopic(topic, partitions, replicationFactor).configs(topicConfig));
            wanted.add(new NewTopic(Topics.deadLetterTopicOf(topic), 1, replicationFactor));
        }
        try (Admin admin = kafka.admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics " + topics + " at " + kafka.bootstrapServers(), e);
        }
    }
}
