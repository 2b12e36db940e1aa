package dev.northstar.platform.messaging;

import dev.northstar.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The service's event consumers by name, with the topics their channels read. */
@ApplicationScoped
public class EventConsumers {
    private final Instance<EventConsumer<?>> consumers;
    private final Config config;

    public EventConsumers(Instance<EventConsumer<?>> consumers, Config config) {
        this.consumers = consumers;
        this.config = config;
    }

    public List<String> names() {
        return consumers.stream().map(EventConsumer::name).sorted().toList();
    }

    public Optional<EventConsumer<?>> named(String name) {
        return consumers.stream().filter(c -> c.name().equals(name)).findFirst().map(c -> (EventConsumer<?>) c);
    }

    /** The topics a consumer's channel reads ({@code mp.messaging.incoming.<consumer>.topics}). */
    public List<String> topicsOf(String consumer) {
        return Arrays.stream(config.getValue("mp.messaging.incoming." + consumer + ".topics", String.class).split(","))
                .map(String::trim).toList();
    }

    public List<String> deadLetterTopicsOf(String consumer) {
        return topicsOf(consumer).stream().map(Topics::deadLetterTopicOf).toList();
    }
}
