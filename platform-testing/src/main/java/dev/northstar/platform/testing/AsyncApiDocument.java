package dev.northstar.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An AsyncAPI 3 document of one topic, read from the classpath ({@code asyncapi/<service>.yaml} in the contracts
 * jar), with its messages' payload schemas as standalone JSON Schemas: every local {@code $ref} inlined, every
 * keyword checked against the JSON Schema vocabulary (so that a YAML slip such as an unquoted comma in a flow
 * mapping, which makes a stray key, fails instead of being ignored).
 */
public final class AsyncApiDocument {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Keywords whose value is one schema. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("items", "additionalProperties", "unevaluatedProperties",
            "not", "if", "then", "else", "contains", "propertyNames");
    /** Keywords whose value is an array of schemas. */
    private static final Set<String> SCHEMA_ARRAY_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    /** Keywords whose value is a map of names to schemas. */
    private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "patternProperties", "dependentSchemas");
    /** Keywords whose value is data, not schemas. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "enum", "const", "format", "required", "title",
            "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems",
            "maxItems", "uniqueItems", "minProperties", "maxProperties", "dependentRequired", "$comment");
    /** Keywords allowed beside a {@code $ref}: annotations only, since draft-07 readers ignore siblings of $ref. */
    private static final Set<String> REF_SIBLINGS = Set.of("description", "title", "examples", "deprecated", "$comment");

    private final String resource;
    private final JsonNode root;

    private AsyncApiDocument(String resource, JsonNode root) {
        this.resource = resource;
        this.root = root;
    }

    public static AsyncApiDocument load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (it belongs in contracts/src/main/resources)");
            }
            JsonNode root = YAML.readTree(in);
            if (!"3.0.0".equals(root.path("asyncapi").asText())) {
                throw new IllegalStateException(resource + " is not an AsyncAPI 3.0.0 document");
            }
            return new AsyncApiDocument(resource, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String resource() {
        return resource;
    }

    public JsonNode root() {
        return root;
    }

    /** The addresses (topics) of the document's channels. */
    public List<String> channelAddresses() {
        return root.path("channels").valueStream().map(channel -> channel.path("address").asText()).toList();
    }

    /** The messages of every channel by name (the key under the channel's {@code messages}), resolved. */
    public Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        root.path("channels").forEach(channel -> channel.path("messages").properties().forEach(
                entry -> messages.put(entry.getKey(), resolve(entry.getValue(), "channel message " + entry.getKey()))));
        return messages;
    }

    /** The payload schema of a message, standalone (refs inlined), exactly as documented. */
    public Optional<JsonNode> payloadSchema(String messageName) {
        JsonNode message = messages().get(messageName);
        if (message == null) {
            return Optional.empty();
        }
        if (!message.has("payload")) {
            throw new IllegalStateException(resource + ": message " + messageName + " has no payload");
        }
        return Optional.of(inline(message.get("payload"), "message " + messageName + " payload", new ArrayDeque<>()));
    }

    /** The {@code ce_type} a message's headers schema fixes with {@code const}, if it does. */
    public Optional<String> cloudEventType(String messageName) {
        JsonNode message = messages().get(messageName);
        if (message == null || !message.has("headers")) {
            return Optional.empty();
        }
        JsonNode headers = inline(message.get("headers"), "message " + messageName + " headers", new ArrayDeque<>());
        return headers.findValues("ce_type").stream()
                .filter(schema -> schema.has("const"))
                .map(schema -> schema.get("const").asText())
                .findFirst();
    }

    /**
     * The schema with {@code additionalProperties: false} added to every object schema (type {@code object}, alone or
     * with {@code null}) that does not say what to do with other properties itself: a field that is published but
     * not documented fails validation. Conditional parts ({@code then} of {@code if}) carry no {@code type}, so they
     * are left open and only the object schema of each instance closes it.
     */
    public static JsonNode strict(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        return copy;
    }

    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (isObjectType(object) && !object.has("additionalProperties") && !object.has("unevaluatedProperties")
                && !object.has("patternProperties")) {
            object.put("additionalProperties", false);
        }
        object.properties().forEach(entry -> {
            String keyword = entry.getKey();
            if (SCHEMA_KEYWORDS.contains(keyword)) {
                close(entry.getValue());
            } else if (SCHEMA_ARRAY_KEYWORDS.contains(keyword)) {
                entry.getValue().forEach(AsyncApiDocument::close);
            } else if (SCHEMA_MAP_KEYWORDS.contains(keyword)) {
                entry.getValue().forEach(AsyncApiDocument::close);
            }
        });
    }

    static boolean isObjectType(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText().equals("object");
        }
        return type.isArray() && type.valueStream().anyMatch(t -> t.asText().equals("object"));
    }

    private JsonNode resolve(JsonNode node, String where) {
        if (!node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException(resource + ": " + where + " refers outside the document: " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException(resource + ": " + where + " refers to " + ref + ", which does not exist");
        }
        return target;
    }

    private JsonNode inline(JsonNode schema, String where, Deque<String> refs) {
        if (schema.isBoolean()) {
            return schema;
        }
        if (!schema.isObject()) {
            throw new IllegalStateException(resource + ": " + where + " is not a schema: " + schema);
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (refs.contains(ref)) {
                throw new IllegalStateException(resource + ": " + where + " refers to itself through " + refs);
            }
            schema.properties().stream().map(Map.Entry::getKey).forEach(keyword -> {
                if (!keyword.equals("$ref") && !REF_SIBLINGS.contains(keyword)) {
                    throw new IllegalStateException(resource + ": " + where + " has " + keyword + " beside $ref;"
                            + " use allOf (draft-07 readers ignore siblings of $ref)");
                }
            });
            refs.push(ref);
            JsonNode target = inline(resolve(schema, where), ref, refs);
            refs.pop();
            if (!target.isObject()) {
                return target;
            }
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            schema.properties().forEach(entry -> {
                if (!entry.getKey().equals("$ref")) {
                    merged.set(entry.getKey(), entry.getValue());
                }
            });
            return merged;
        }
        ObjectNode inlined = JsonNodeFactory.instance.objectNode();
        schema.properties().forEach(entry -> {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            String at = where + "/" + keyword;
            if (SCHEMA_KEYWORDS.contains(keyword)) {
                inlined.set(keyword, inline(value, at, refs));
            } else if (SCHEMA_ARRAY_KEYWORDS.contains(keyword)) {
                ArrayNode schemas = inlined.putArray(keyword);
                for (int i = 0; i < value.size(); i++) {
                    schemas.add(inline(value.get(i), at + "/" + i, refs));
                }
            } else if (SCHEMA_MAP_KEYWORDS.contains(keyword)) {
                ObjectNode schemas = inlined.putObject(keyword);
                value.properties().forEach(property ->
                        schemas.set(property.getKey(), inline(property.getValue(), at + "/" + property.getKey(), refs)));
            } else if (VALUE_KEYWORDS.contains(keyword)) {
                if (value.isNull()) {
                    throw new IllegalStateException(resource + ": " + at + " is null (an unquoted ',' or ':' in YAML?)");
                }
                inlined.set(keyword, value);
            } else {
                throw new IllegalStateException(resource + ": " + where + " has '" + keyword
                        + "', which is no JSON Schema keyword this project uses (an unquoted ',' in a YAML flow mapping?)");
            }
        });
        return inlined;
    }
}
