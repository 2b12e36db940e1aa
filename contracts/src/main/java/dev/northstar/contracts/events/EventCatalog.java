package dev.northstar.contracts.events;

import dev.northstar.contracts.CloudEventTypes;
import dev.northstar.contracts.Topics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which record each CloudEvents type is, and on which topic each family is published. */
public final class EventCatalog {
    /**
     * A topic's event family: its sealed interface, its CloudEvents context, its topic and the AsyncAPI document
     * ({@code asyncapi/<document>.yaml}) that describes it.
     */
    public record Family(Class<? extends PublishedEvent> type, String context, String topic, String document) {
        Family(Class<? extends PublishedEvent> type, String context, String topic) {
            this(type, context, topic, context + "-service");
        }

        public List<Class<? extends PublishedEvent>> eventTypes() {
            return Arrays.stream(type.getPermittedSubclasses()).map(EventCatalog::asEvent).toList();
        }
    }

    public static final List<Family> FAMILIES = List.of(
            new Family(RoadmapEvent.class, RoadmapEvent.CONTEXT, Topics.ROADMAP_EVENTS),
            new Family(BacklogEvent.class, BacklogEvent.CONTEXT, Topics.BACKLOG_EVENTS),
            new Family(FeedbackEvent.class, FeedbackEvent.CONTEXT, Topics.FEEDBACK_EVENTS),
            new Family(AnalyticsEvent.class, AnalyticsEvent.CONTEXT, Topics.ANALYTICS_METRICS),
            new Family(IntegrationsEvent.class, IntegrationsEvent.CONTEXT, Topics.INTEGRATIONS_EVENTS),
            new Family(CustomerKeyEvent.class, CustomerKeyEvent.CONTEXT, Topics.CUSTOMER_KEYS, "feedback-service-customer-keys"));

    private static final Map<String, Class<? extends PublishedEvent>> BY_TYPE = FAMILIES.stream()
            .flatMap(family -> family.eventTypes().stream())
            .collect(Collectors.toUnmodifiableMap(EventCatalog::cloudEventTypeOf, Function.identity()));

    /** The record of a CloudEvents type, or empty for a type this version of the contracts does not know. */
    public static Optional<Class<? extends PublishedEvent>> eventClassOf(String cloudEventType) {
        return Optional.ofNullable(BY_TYPE.get(cloudEventType));
    }

    public static String cloudEventTypeOf(Class<? extends PublishedEvent> eventClass) {
        EventVersion version = eventClass.getAnnotation(EventVersion.class);
        String name = version == null ? eventClass.getSimpleName() : version.name();
        return CloudEventTypes.of(familyOf(eventClass).context(), name, version == null ? 1 : version.version());
    }

    public static Family familyOf(Class<? extends PublishedEvent> eventClass) {
        return FAMILIES.stream().filter(f -> f.type().isAssignableFrom(eventClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventClass + " belongs to no event family"));
    }

    public static Family familyOfContext(String context) {
        return FAMILIES.stream().filter(f -> f.context().equals(context)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event family " + context));
    }

    public static Stream<Class<? extends PublishedEvent>> allEventTypes() {
        return FAMILIES.stream().flatMap(f -> f.eventTypes().stream());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends PublishedEvent> asEvent(Class<?> type) {
        return (Class<? extends PublishedEvent>) type;
    }

    private EventCatalog() {
    }
}
