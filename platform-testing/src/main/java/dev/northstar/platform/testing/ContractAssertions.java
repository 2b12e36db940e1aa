package dev.northstar.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.northstar.contracts.CloudEventTypes;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.contracts.events.PublishedEvent;
import org.junit.jupiter.api.DynamicTest;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks what a service publishes against its topic's contract: the records of {@code contracts}
 * ({@link EventCatalog}) and the topic's AsyncAPI document ({@code asyncapi/<context>-service.yaml}).
 *
 * <p>A published payload must have a message in the document, validate against the message's payload schema
 * <em>strictly</em> (every object schema closed with {@code additionalProperties: false}, so a field that is published
 * but not documented fails), still validate with every optional field {@code null}, and read into the contracts
 * record with a tolerant reader (unknown fields ignored), which writes it back unchanged (so the record has every
 * field, with a type that keeps its value).
 */
public final class ContractAssertions {
    /** What a service puts on a topic: the {@code ce_type} header and the record value. */
    public record Published(String cloudEventType, String payload) {
    }

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** How consumers read: tolerant of fields they do not know. */
    private static final ObjectMapper TOLERANT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private final EventCatalog.Family family;
    private final String service;
    private final AsyncApiDocument document;
    private final Map<String, Schema> strictSchemas = new ConcurrentHashMap<>();

    private ContractAssertions(EventCatalog.Family family) {
        this.family = family;
        this.service = family.document();
        this.document = AsyncApiDocument.load("asyncapi/" + service + ".yaml");
    }

    /** The contract of the topic of an event family, e.g. {@code BacklogEvent.class}. */
    public static ContractAssertions of(Class<? extends PublishedEvent> familyType) {
        return new ContractAssertions(EventCatalog.FAMILIES.stream().filter(f -> f.type() == familyType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(familyType + " is no event family of EventCatalog")));
    }

    /** The contract of a topic, e.g. {@code Topics.FEEDBACK_EVENTS}. */
    public static ContractAssertions forTopic(String topic) {
        return new ContractAssertions(EventCatalog.FAMILIES.stream().filter(f -> f.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event family of EventCatalog is published on " + topic)));
    }

    public AsyncApiDocument document() {
        return document;
    }

    /**
     * One test per record of a service's sealed event interface (a new event type is covered without a change
     * here): samples of it (every enum constant used), published with {@code publish}, must match the contract.
     */
    public <E> Stream<DynamicTest> publishedEventTests(Class<E> sealedEvents, Function<? super E, Published> publish) {
        return RecordSamples.recordsOf(sealedEvents).stream().map(type -> DynamicTest.dynamicTest(
                type.getSimpleName() + " is published as its contract says", () -> {
                    List<? extends E> samples = RecordSamples.of(type);
                    for (int i = 0; i < samples.size(); i++) {
                        assertMatchesContract(publish.apply(samples.get(i)),
                                type.getSimpleName() + " (sample " + (i + 1) + " of " + samples.size() + ")");
                    }
                }));
    }

    public void assertMatchesContract(Published published) {
        assertMatchesContract(published, published.cloudEventType());
    }

    /** The ways {@code payload} breaks the strict payload schema of a message; empty when it matches. */
    public List<String> violations(String messageName, String payload) {
        Schema schema = strictSchemas.computeIfAbsent(messageName, name -> {
            JsonNode documented = document.payloadSchema(name).orElseThrow(
                    () -> new AssertionError(document.resource() + " has no message " + name));
            return SCHEMAS.getSchema(AsyncApiDocument.strict(documented).toString(), InputFormat.JSON);
        });
        return schema.validate(payload, InputFormat.JSON).stream().map(ContractAssertions::describe).toList();
    }

    /**
     * The reverse direction: every record of the family has a domain event of its event name in one of the
     * service's sealed event interfaces, so that neither contracts nor the AsyncAPI document list a type nobody
     * publishes.
     */
    public void assertEveryContractEventIsPublished(Class<?>... sealedEvents) {
        assertEveryContractEventIsPublished(Arrays.stream(sealedEvents)
                .flatMap(sealed -> RecordSamples.recordsOf(sealed).stream())
                .map(Class::getSimpleName)
                .collect(Collectors.toSet()));
    }

    public void assertEveryContractEventIsPublished(Set<String> publishedEventNames) {
        List<String> unpublished = family.eventTypes().stream()
                .map(type -> CloudEventTypes.eventNameOf(EventCatalog.cloudEventTypeOf(type)))
                .filter(name -> !publishedEventNames.contains(name)).sorted().toList();
        if (!unpublished.isEmpty()) {
            fail(family.type().getSimpleName() + " (and " + document.resource() + ") list event types that "
                    + service + " does not publish: " + unpublished + ". It publishes " + new TreeSet<>(publishedEventNames)
                    + ". Remove them from the contract, or publish them.");
        }
    }

    /**
     * The AsyncAPI document and the contracts records describe the same thing: a channel for the family's topic, one
     * message per record with the record's CloudEvents type, the record's components as the payload's properties
     * (nested records too), every component the record requires (or that is primitive) required by the schema.
     */
    public void assertDocumentDescribesContractRecords() {
        List<String> problems = new ArrayList<>();
        if (!document.channelAddresses().contains(family.topic())) {
            problems.add("no channel has the address " + family.topic() + " (it has " + document.channelAddresses() + ")");
        }
        Map<String, JsonNode> messages = document.messages();
        Map<String, Class<? extends PublishedEvent>> records = family.eventTypes().stream()
                .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
        for (String name : new TreeSet<>(records.keySet())) {
            if (!messages.containsKey(name)) {
                problems.add("the contract record " + records.get(name).getName() + " has no message " + name);
            }
        }
        for (String name : messages.keySet()) {
            Class<? extends PublishedEvent> record = records.get(name);
            if (record == null) {
                problems.add("message " + name + " has no contract record in " + family.type().getName());
                continue;
            }
            if (!name.equals(messages.get(name).path("name").asText())) {
                problems.add("message " + name + " has the name '" + messages.get(name).path("name").asText() + "'");
            }
            String type = EventCatalog.cloudEventTypeOf(record);
            String documentedType = document.cloudEventType(name).orElse("none");
            if (!type.equals(documentedType)) {
                problems.add("message " + name + " fixes ce_type " + documentedType + " in its headers, the record is " + type);
            }
            compareWithRecord(document.payloadSchema(name).orElseThrow(), record, name, problems);
        }
        if (!problems.isEmpty()) {
            fail(document.resource() + " and " + family.type().getName() + " disagree:\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * The versioning rule: compared with {@code contract-baseline/<context>.json}, no documented field disappeared or
     * changed type and no new required field appeared within a {@code .vN} type; new optional fields must be recorded.
     */
    public void assertCompatibleWithBaseline() {
        SortedMap<String, SchemaShape> shapes = new TreeMap<>();
        for (String name : document.messages().keySet()) {
            String type = document.cloudEventType(name).orElseThrow(() -> new AssertionError(
                    document.resource() + ": message " + name + " does not fix ce_type with a const in its headers"));
            shapes.put(type, SchemaShape.of(document.payloadSchema(name).orElseThrow()));
        }
        ContractBaseline.check(family.context(), service, document.resource(), shapes);
    }

    private void assertMatchesContract(Published published, String what) {
        String type = published.cloudEventType();
        Class<? extends PublishedEvent> contract = EventCatalog.eventClassOf(type).orElseThrow(() -> new AssertionError(
                what + " is published as " + type + ", which no contracts record is: add a record to "
                        + family.type().getName() + " and a message to " + document.resource()));
        if (!family.type().isAssignableFrom(contract)) {
            fail(what + " is published as " + type + ", a type of " + EventCatalog.familyOf(contract).topic()
                    + ", not of " + family.topic());
        }
        String name = contract.getSimpleName();
        if (document.payloadSchema(name).isEmpty()) {
            fail(what + " is published as " + type + ", but " + document.resource() + " has no message " + name);
        }
        JsonNode schema = document.payloadSchema(name).orElseThrow();
        JsonNode payload = tree(published.payload());
        assertValid(name, published.payload(), what);
        Object read = read(contract, published.payload(), what);
        JsonNode written = tree(write(read));
        if (!written.equals(payload)) {
            fail(what + " reads into " + contract.getName() + " as\n  " + written + "\nwhich is not what was published:\n  "
                    + payload + "\n(a field the record lacks, or a component type that changes the value?)");
        }
        JsonNode withoutOptional = withOptionalFieldsNull(payload, schema);
        if (!withoutOptional.equals(payload)) {
            assertValid(name, withoutOptional.toString(), what + " with its optional fields null");
            read(contract, withoutOptional.toString(), what + " with its optional fields null");
        }
    }

    private void assertValid(String messageName, String payload, String what) {
        List<String> violations = violations(messageName, payload);
        if (!violations.isEmpty()) {
            fail(what + " does not match message " + messageName + " of " + document.resource()
                    + " (validated strictly: a field that is not documented is an error):\n  " + payload + "\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private static Object read(Class<?> contract, String payload, String what) {
        try {
            return TOLERANT.readValue(payload, contract);
        } catch (JsonProcessingException e) {
            throw new AssertionError(what + " cannot be read into " + contract.getName() + ": " + e.getOriginalMessage()
                    + "\n  " + payload, e);
        }
    }

    private static String write(Object value) {
        try {
            return TOLERANT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return TOLERANT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String describe(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "(payload)" : at) + ": " + error.getMessage();
    }

    /** The payload with every property its schema does not require set to null, at every level. */
    static JsonNode withOptionalFieldsNull(JsonNode payload, JsonNode schema) {
        JsonNode copy = payload.deepCopy();
        nullOptionalFields(copy, schema);
        return copy;
    }

    private static void nullOptionalFields(JsonNode instance, JsonNode schema) {
        JsonNode objectSchema = withProperties(schema);
        if (instance instanceof ObjectNode object && objectSchema != null) {
            Set<String> required = new HashSet<>();
            objectSchema.path("required").forEach(name -> required.add(name.asText()));
            objectSchema.path("properties").properties().forEach(property -> {
                JsonNode value = object.get(property.getKey());
                if (value == null || value.isNull()) {
                    return;
                }
                if (required.contains(property.getKey())) {
                    nullOptionalFields(value, property.getValue());
                } else {
                    object.putNull(property.getKey());
                }
            });
        } else if (instance instanceof ArrayNode array && schema.path("items").isObject()) {
            array.forEach(element -> nullOptionalFields(element, schema.get("items")));
        }
    }

    /** The schema itself if it lists properties, else its first anyOf/oneOf branch that does. */
    private static JsonNode withProperties(JsonNode schema) {
        if (schema.has("properties")) {
            return schema;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                if (branch.has("properties")) {
                    return branch;
                }
            }
        }
        return null;
    }

    private static void compareWithRecord(JsonNode schema, Class<?> record, String path, List<String> problems) {
        JsonNode objectSchema = withProperties(schema) == null ? MissingNode.getInstance() : withProperties(schema);
        Set<String> documented = new LinkedHashSet<>();
        objectSchema.path("properties").properties().forEach(property -> documented.add(property.getKey()));
        RecordComponent[] components = record.getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!documented.equals(names)) {
            problems.add(path + ": the schema has the fields " + documented + ", the record " + record.getName()
                    + " has " + names);
            return;
        }
        Set<String> required = new HashSet<>();
        objectSchema.path("required").forEach(name -> required.add(name.asText()));
        Set<String> recordRequires = requiredBy(record);
        for (RecordComponent component : components) {
            String name = component.getName();
            if (component.getType().isPrimitive() && !required.contains(name)) {
                problems.add(path + "." + name + " is a primitive of " + record.getName()
                        + " (a reader would take null for 0): the schema must require it");
            }
            if (recordRequires.contains(name) && !required.contains(name)) {
                problems.add(path + "." + name + " is required by " + record.getName() + " but not by the schema");
            }
            JsonNode property = objectSchema.path("properties").get(name);
            Class<?> nested = nestedRecord(component.getGenericType());
            if (nested != null) {
                JsonNode nestedSchema = component.getType().isRecord() ? property : property.path("items");
                compareWithRecord(nestedSchema, nested, path + "." + name, problems);
            }
        }
    }

    /** The record a component holds, directly or as the elements of a collection; null for anything else. */
    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized
                && Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }

    /** The components a record's constructor refuses to take as null. */
    private static Set<String> requiredBy(Class<?> record) {
        Constructor<?> constructor = RecordSamples.canonicalConstructor(record);
        Object[] sample = RecordSamples.componentValues((Record) RecordSamples.one(record));
        RecordComponent[] components = record.getRecordComponents();
        Set<String> required = new HashSet<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                continue;
            }
            Object[] arguments = sample.clone();
            arguments[i] = null;
            try {
                constructor.newInstance(arguments);
            } catch (InvocationTargetException refused) {
                required.add(components[i].getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return required;
    }
}
