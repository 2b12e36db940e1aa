package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.events.BacklogEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract-test support itself: strictness, sampling, and the versioning rule's judgement of changes. */
class ContractTestSupportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Colour { RED, GREEN, BLUE }

    record Inner(Colour colour, List<String> names) {
    }

    record Outer(UUID id, String text, int count, BigDecimal amount, Inner inner, Set<Colour> colours, Map<String, Long> totals) {
    }

    @Test
    void samples_fill_every_component_and_use_every_enum_constant() {
        List<Outer> samples = RecordSamples.of(Outer.class);

        assertEquals(3, samples.size());
        assertEquals(Set.of(Colour.values()), Set.copyOf(samples.stream().map(s -> s.inner().colour()).toList()));
        Outer first = samples.getFirst();
        assertEquals(List.of(RecordSamples.STRING), first.inner().names());
        assertEquals(Map.of(RecordSamples.STRING, 1L), first.totals());
        assertEquals(1, first.count());
    }

    @Test
    void a_field_published_but_not_documented_fails_strict_validation() {
        ContractAssertions backlog = ContractAssertions.of(BacklogEvent.class);

        assertEquals(List.of(), backlog.violations("ItemEstimated", "{\"jobSize\":3}"));
        assertTrue(backlog.violations("ItemEstimated", "{\"jobSize\":3,\"size\":3}").toString().contains("size"));
        assertEquals(1, backlog.violations("ItemEstimated", "{\"size\":3}").stream().filter(v -> v.contains("jobSize")).count());
        assertTrue(backlog.violations("ItemMadeReady", "{\"at\":1}").toString().contains("at"));
        assertTrue(backlog.violations("ItemCreated", "{\"itemId\":\"not-a-uuid\",\"productId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"BUG\",\"title\":\"t\",\"story\":null,\"labels\":[]}").toString().contains("itemId"));
    }

    @Test
    void a_payload_shape_lists_fields_with_types_and_required_paths() {
        SchemaShape shape = SchemaShape.of(schema("""
                {"type": "object", "required": ["id", "value"],
                 "properties": {
                   "id": {"type": "string", "format": "uuid"},
                   "kind": {"type": "string"},
                   "value": {},
                   "context": {"anyOf": [{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
                                         {"type": "null"}]},
                   "tags": {"type": "array", "items": {"type": "string"}},
                   "counts": {"type": "object", "additionalProperties": {"type": "integer"}}},
                 "allOf": [{"if": {"properties": {"kind": {"const": "x"}}},
                            "then": {"properties": {"value": {"type": ["number", "null"]}}}}]}"""));

        assertEquals(new TreeMap<>(Map.of("id", "string(uuid)", "kind", "string", "value", "any",
                "context", "object|null", "context.a", "integer", "tags", "array", "tags[]", "string",
                "counts", "object", "counts{}", "integer", "if kind=x: value", "number|null")), shape.fields());
        assertEquals(Set.of("id", "value", "context.a"), shape.required());
        assertEquals("context", SchemaShape.parentOf("context.a"));
        assertEquals("", SchemaShape.parentOf("id"));
        assertEquals("if kind=x: ", SchemaShape.parentOf("if kind=x: value"));
    }

    @Test
    void removing_renaming_or_retyping_a_field_is_breaking() {
        ContractBaseline.Changes renamed = compare(
                "{\"type\": \"object\", \"required\": [\"jobSize\"], \"properties\": {\"jobSize\": {\"type\": \"integer\"}}}",
                "{\"type\": \"object\", \"required\": [\"size\"], \"properties\": {\"size\": {\"type\": \"integer\"}}}");
        ContractBaseline.Changes retyped = compare(
                "{\"type\": \"object\", \"properties\": {\"rank\": {\"type\": [\"integer\", \"null\"]}}}",
                "{\"type\": \"object\", \"properties\": {\"rank\": {\"type\": [\"string\", \"null\"]}}}");

        assertEquals(2, renamed.breaking().size(), renamed.toString());
        assertTrue(renamed.breaking().getFirst().contains("'jobSize' (integer) was removed or renamed"), renamed.toString());
        assertTrue(renamed.breaking().get(1).contains("new required field 'size'"), renamed.toString());
        assertEquals(1, retyped.breaking().size(), retyped.toString());
        assertTrue(retyped.breaking().getFirst().contains("changed type from integer|null to string|null"));
    }

    @Test
    void a_new_required_field_or_a_required_field_made_optional_is_breaking() {
        String before = "{\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"string\"}}}";

        ContractBaseline.Changes newRequired = compare(before,
                "{\"type\": \"object\", \"required\": [\"a\", \"b\"], \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"string\"}}}");
        ContractBaseline.Changes madeOptional = compare(before,
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": [\"string\", \"null\"]}}}");

        assertEquals(1, newRequired.breaking().size(), newRequired.toString());
        assertTrue(newRequired.breaking().getFirst().contains("new required field 'b'"));
        assertEquals(2, madeOptional.breaking().size(), madeOptional.toString());
    }

    @Test
    void new_optional_fields_and_new_types_are_additive_and_must_be_recorded() {
        String before = "{\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"string\"}}}";
        String after = """
                {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]},
                 "c": {"type": ["object", "null"], "required": ["d"], "properties": {"d": {"type": "integer"}}}}}""";

        ContractBaseline.Changes changes = compare(before, after);
        SortedMap<String, SchemaShape> baseline = new TreeMap<>(Map.of("t.v1", SchemaShape.of(schema(before))));
        SortedMap<String, SchemaShape> current = new TreeMap<>(Map.of("t.v1", SchemaShape.of(schema(before)),
                "u.v1", SchemaShape.of(schema(after))));

        assertEquals(List.of(), changes.breaking());
        assertEquals(List.of("t.v1: field 'c.d' is required within the new 'c'", "t.v1: new optional field 'b' (string|null)",
                "t.v1: new optional field 'c' (object|null)"), changes.additive());
        assertEquals(List.of("u.v1: a new type"), ContractBaseline.compare(baseline, current).additive());
        assertTrue(ContractBaseline.compare(current, baseline).breaking().getFirst().contains("u.v1: the type is no longer documented"));
    }

    @Test
    void the_baseline_is_written_and_read_back_unchanged() {
        SortedMap<String, SchemaShape> shapes = new TreeMap<>(Map.of("t.v1", SchemaShape.of(schema(
                "{\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"string\"}}}"))));

        assertTrue(ContractBaseline.compare(shapes, shapes).none());
        assertEquals(ContractBaseline.toJson(shapes), ContractBaseline.toJson(ContractBaseline.parse(ContractBaseline.toJson(shapes))));
    }

    @Test
    void service_json_refuses_a_quarkus_jackson_setting_it_does_not_know() throws Exception {
        ObjectMapper json = ServiceJson.objectMapper("service-json/known.properties");

        assertEquals("{\"at\":\"2026-03-01T12:00:00Z\",\"empty\":{}}",
                json.writeValueAsString(new TreeMap<>(Map.of("at", RecordSamples.INSTANT, "empty", new Object()))));
        assertThrows(IllegalStateException.class, () -> ServiceJson.objectMapper("service-json/unknown.properties"));
    }

    private static ContractBaseline.Changes compare(String before, String after) {
        return ContractBaseline.compare(new TreeMap<>(Map.of("t.v1", SchemaShape.of(schema(before)))),
                new TreeMap<>(Map.of("t.v1", SchemaShape.of(schema(after)))));
    }

    private static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
