package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a payload schema promises a reader, flattened: every field path with its JSON type, and the paths that are
 * required. Paths: {@code story.asA} (a property of an object), {@code labels[]} (the items of an array),
 * {@code workInProgress{}} (the values of a map), {@code if metric=nps.30d: value.score} (a field a condition on
 * another field's value adds). Types: JSON Schema types joined with {@code |}, {@code null} last, a string's
 * format in parentheses ({@code string(uuid)|null}); {@code any} when the schema does not say.
 */
record SchemaShape(SortedMap<String, String> fields, SortedSet<String> required) {
    static final String ANY = "any";
    static final String NULL = "null";

    /** The shape of a standalone (inlined) payload schema. */
    static SchemaShape of(JsonNode schema) {
        Map<String, SortedSet<String>> types = new TreeMap<>();
        SortedSet<String> required = new TreeSet<>();
        visit(schema, "", "", types, required);
        SortedMap<String, String> fields = new TreeMap<>();
        types.forEach((path, tokens) -> fields.put(path, tokens.isEmpty() ? ANY : join(tokens)));
        return new SchemaShape(fields, required);
    }

    static String join(Collection<String> tokens) {
        return tokens.stream().sorted(Comparator.comparing((String t) -> t.equals(NULL)).thenComparing(t -> t))
                .collect(Collectors.joining("|"));
    }

    static boolean nullable(String type) {
        return type.equals(ANY) || type.equals(NULL) || type.endsWith("|" + NULL);
    }

    /** The type without {@code null}. */
    static String nonNull(String type) {
        return type.equals(NULL) ? "" : type.replace("|" + NULL, "");
    }

    /** The path of the object (or array, or map) a field belongs to; the bare condition for a top-level field. */
    static String parentOf(String path) {
        int condition = path.lastIndexOf(": ");
        String prefix = condition < 0 ? "" : path.substring(0, condition + 2);
        String field = condition < 0 ? path : path.substring(condition + 2);
        if (field.endsWith("[]") || field.endsWith("{}")) {
            return prefix + field.substring(0, field.length() - 2);
        }
        int dot = field.lastIndexOf('.');
        return dot < 0 ? prefix : prefix + field.substring(0, dot);
    }

    private static void visit(JsonNode schema, String path, String condition, Map<String, SortedSet<String>> types,
                              SortedSet<String> required) {
        if (!schema.isObject()) {
            return;
        }
        if (!path.isEmpty()) {
            SortedSet<String> tokens = types.computeIfAbsent(condition + path, p -> new TreeSet<>());
            JsonNode type = schema.path("type");
            String format = schema.path("format").asText(null);
            List<String> declared = type.isArray() ? type.valueStream().map(JsonNode::asText).toList()
                    : type.isTextual() ? List.of(type.asText()) : List.of();
            for (String t : declared) {
                tokens.add(t.equals("string") && format != null ? t + "(" + format + ")" : t);
            }
        }
        schema.path("properties").properties().forEach(entry ->
                visit(entry.getValue(), join(path, entry.getKey()), condition, types, required));
        schema.path("required").forEach(name -> required.add(condition + join(path, name.asText())));
        if (schema.path("items").isObject()) {
            visit(schema.get("items"), path + "[]", condition, types, required);
        }
        if (schema.path("additionalProperties").isObject()) {
            visit(schema.get("additionalProperties"), path + "{}", condition, types, required);
        }
        for (String combinator : new String[]{"allOf", "anyOf", "oneOf"}) {
            schema.path(combinator).forEach(sub -> visit(sub, path, condition, types, required));
        }
        if (schema.has("if")) {
            if (schema.has("else")) {
                throw new IllegalArgumentException("SchemaShape does not read if/then/else; write if/then only");
            }
            visit(schema.path("then"), path, condition + "if " + conditionOf(schema.get("if"), path) + ": ", types, required);
        }
    }

    /** {@code metric=nps.30d} for {@code if: {properties: {metric: {const: nps.30d}}}}: the only form read. */
    private static String conditionOf(JsonNode condition, String path) {
        JsonNode properties = condition.path("properties");
        if (properties.size() == 1) {
            Map.Entry<String, JsonNode> property = properties.properties().iterator().next();
            if (property.getValue().has("const")) {
                return join(path, property.getKey()) + "=" + property.getValue().get("const").asText();
            }
        }
        throw new IllegalArgumentException("SchemaShape reads only if: {properties: {<field>: {const: <value>}}}, not "
                + condition);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
