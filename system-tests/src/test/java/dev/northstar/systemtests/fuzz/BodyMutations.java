package dev.northstar.systemtests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Malformed variants of a valid request body, each derived from the body's schema in an OpenAPI document and
 * refused by any service that holds a request to its own document: a required field missing or null, a field of the
 * wrong type, a text past its {@code maxLength} (made of noncharacters) or below its {@code minLength}, a number past
 * its {@code minimum} or {@code maximum} or beyond any range ({@code 1e400}), a list past its {@code maxItems}, an enum
 * value the document does not list, an id or date that is none (with a noncharacter), and an unknown property (named
 * with a noncharacter). The valid body is the schema's example, which every request schema has (the services' access
 * tests check it); each variant changes one field of it, at any depth the example reaches.
 */
public final class BodyMutations {
    /** A malformed body: what was changed, and the JSON. */
    public record Mutation(String what, JsonNode body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Noncharacters: U+FFFE, U+FFFF, U+FDD0 and U+1FFFE (valid Unicode that must never be interchanged as text). */
    static final String FFFE = "\uFFFE";
    static final String FFFF = "\uFFFF";
    static final String FDD0 = "\uFDD0";
    static final String SUPPLEMENTARY = "\uD83F\uDFFE";

    private final JsonNode document;
    private final JsonNode example;
    private final List<Mutation> found = new ArrayList<>();

    private BodyMutations(JsonNode document, JsonNode example) {
        this.document = document;
        this.example = example;
    }

    /** The schema's own example (the first of {@code examples}, or {@code example}), or null. */
    public static JsonNode exampleOf(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        if (resolved.path("examples").isArray() && !resolved.path("examples").isEmpty()) {
            return resolved.path("examples").get(0);
        }
        return resolved.has("example") ? resolved.get("example") : null;
    }

    /** Every variant of {@code example} that {@code schema} refuses. */
    public static List<Mutation> of(JsonNode document, JsonNode schema, JsonNode example) {
        BodyMutations mutations = new BodyMutations(document, example);
        mutations.visit(schema, example, new ArrayList<>(), false, new HashSet<>());
        return mutations.found;
    }

    private void visit(JsonNode schema, JsonNode value, List<Object> at, boolean required, Set<String> refs) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty() && !refs.add(ref)) {
            return;   // a recursive schema: once is enough
        }
        schema = resolve(document, schema);
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return;   // which branch a value takes is the server's to say
        }
        String where = at.isEmpty() ? "the body" : name(at);
        if (required) {
            add("without " + where, at, null);
            add(where + " null", at, NODES.nullNode());
        }
        switch (schema.path("type").asText("object")) {
            case "string" -> string(schema, at, where);
            case "integer", "number" -> number(schema, at, where);
            case "boolean" -> add(where + " as text", at, NODES.textNode("maybe"));
            case "array" -> array(schema, value, at, where, refs);
            default -> object(schema, value, at, where, refs);
        }
        if (!ref.isEmpty()) {
            refs.remove(ref);
        }
    }

    private void string(JsonNode schema, List<Object> at, String where) {
        add(where + " as an object", at, JSON.createObjectNode().put("text", "x"));
        if (schema.has("enum")) {
            String known = schema.path("enum").path(0).asText();
            add(where + " as a value it does not list", at, NODES.textNode("NOT_" + known));
            add(where + " with a noncharacter", at, NODES.textNode(known + FFFE));
        }
        switch (schema.path("format").asText("")) {
            case "uuid" -> {
                add(where + " not a UUID", at, NODES.textNode("not-a-uuid"));
                add(where + " a UUID with a noncharacter", at, NODES.textNode("3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a1" + FFFF));
            }
            case "date", "date-time" -> {
                add(where + " not a date", at, NODES.textNode("yesterday"));
                add(where + " a date with a noncharacter", at, NODES.textNode("2027-01-01" + SUPPLEMENTARY));
            }
            default -> {
            }
        }
        if (schema.has("maxLength")) {
            add(where + " one past maxLength, in noncharacters", at, NODES.textNode(FDD0.repeat(schema.path("maxLength").asInt() + 1)));
        }
        if (schema.path("minLength").asInt() > 0) {
            add(where + " empty", at, NODES.textNode(""));
        }
    }

    private void number(JsonNode schema, List<Object> at, String where) {
        add(where + " as text", at, NODES.textNode("many"));
        add(where + " as an object", at, JSON.createObjectNode());
        add(where + " 1e400", at, NODES.numberNode(new BigDecimal("1e400")));
        if (schema.has("maximum")) {
            add(where + " one past its maximum", at, NODES.numberNode(new BigDecimal(schema.path("maximum").asText()).add(BigDecimal.ONE)));
        }
        if (schema.has("minimum")) {
            add(where + " one below its minimum", at, NODES.numberNode(new BigDecimal(schema.path("minimum").asText()).subtract(BigDecimal.ONE)));
        }
    }

    private void array(JsonNode schema, JsonNode value, List<Object> at, String where, Set<String> refs) {
        add(where + " as an object", at, JSON.createObjectNode());
        JsonNode first = value != null && value.isArray() && !value.isEmpty() ? value.get(0) : null;
        if (schema.has("maxItems") && first != null) {
            // distinct texts where the items are free text: a list kept as a set would fold copies into one
            JsonNode items = resolve(document, schema.path("items"));
            boolean freeText = first.isTextual() && !items.has("enum") && !items.has("format");
            ArrayNode tooMany = JSON.createArrayNode();
            for (int i = 0; i <= schema.path("maxItems").asInt(); i++) {
                tooMany.add(freeText ? NODES.textNode(first.asText() + i) : first.deepCopy());
            }
            add(where + " one past maxItems", at, tooMany);
        }
        if (schema.path("minItems").asInt() > 0) {
            add(where + " empty", at, JSON.createArrayNode());
        }
        if (first != null) {
            List<Object> element = new ArrayList<>(at);
            element.add(0);
            visit(schema.path("items"), first, element, false, refs);
        }
    }

    private void object(JsonNode schema, JsonNode value, List<Object> at, String where, Set<String> refs) {
        if (!at.isEmpty()) {
            add(where + " as text", at, NODES.textNode("x"));
        }
        if (!schema.has("properties") || schema.has("additionalProperties")) {
            return;   // a map (or an object the document does not describe) takes any key
        }
        List<Object> unknown = new ArrayList<>(at);
        unknown.add(FDD0 + "unknownField");
        add(where + " with an unknown property", unknown, NODES.booleanNode(true));
        Set<String> requiredFields = new HashSet<>();
        schema.path("required").forEach(name -> requiredFields.add(name.asText()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (value == null && !at.isEmpty()) {
                break;   // only the fields of objects the example holds
            }
            JsonNode current = value == null ? null : value.get(property.getKey());
            List<Object> field = new ArrayList<>(at);
            field.add(property.getKey());
            visit(property.getValue(), current, field, requiredFields.contains(property.getKey()), refs);
        }
    }

    /** The example with the value at {@code at} replaced ({@code null}: removed); missing objects on the way are made. */
    private void add(String what, List<Object> at, JsonNode replacement) {
        if (at.isEmpty()) {
            if (replacement != null) {
                found.add(new Mutation(what, replacement));
            }
            return;
        }
        JsonNode root = example == null ? JSON.createObjectNode() : example.deepCopy();
        JsonNode parent = root;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            JsonNode next = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
            if (next.isMissingNode() || next.isNull()) {   // an object the example leaves out
                next = JSON.createObjectNode();
                ((ObjectNode) parent).set((String) step, next);
            }
            parent = next;
        }
        Object last = at.getLast();
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) parent;
            if (replacement == null) {
                array.remove(index);
            } else if (index < array.size()) {
                array.set(index, replacement);
            } else {
                array.add(replacement);
            }
        } else if (replacement == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, replacement);
        }
        found.add(new Mutation(what, root));
    }

    private static String name(List<Object> at) {
        StringBuilder name = new StringBuilder();
        for (Object step : at) {
            if (step instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(step);
            }
        }
        return name.toString().replace(FDD0, "\\uFDD0");
    }

    static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
