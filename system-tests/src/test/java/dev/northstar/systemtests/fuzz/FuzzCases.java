package dev.northstar.systemtests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The malformed requests for every {@code /api/} operation of one service's OpenAPI document, derived from the
 * document alone (paths, methods, parameters, request body schemas and their examples, enums and bounds), so that
 * a new operation is fuzzed as soon as it is documented:
 * <ul>
 * <li>each path parameter malformed (not an id, a noncharacter, a NUL, invalid UTF-8, too long), the rest valid;</li>
 * <li>for a read, each query parameter malformed the same ways (and one request target past 8 KiB);</li>
 * <li>for a write with a JSON body, the body in other media types, none, malformed JSON, invalid UTF-8, a body that
 * is not an object, nested 10,000 deep, or larger than any limit, and each of {@link BodyMutations};</li>
 * <li>for a write that takes {@code If-Match}, a version that is none; and each operation once without a token.</li>
 * </ul>
 * Every write it makes is malformed and must be refused, so that none of them may append an event; a read may answer
 * 2xx. Path parameters are valid unless malformed: the real product the caller names, random ids for the rest.
 */
public final class FuzzCases {
    /** One request: the operation it aims at, what is wrong with it, and whether it must be refused. */
    public record Probe(String operation, String what, String method, String target, Map<String, String> headers,
                        byte[] body, boolean mustBeRefused) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String NONCHARACTER = "%EF%BF%BE";   // U+FFFE
    private static final List<String> BAD_TEXT = List.of(NONCHARACTER, "%EF%BF%BF", "%00", "%FF%FE", "..%2F..%2Fq%2Fhealth");
    private static final List<String> BAD_NUMBERS = List.of("abc", "-1", "99999999999999999999", "1e400");
    private static final List<String> OTHER_MEDIA_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");

    private final JsonNode document;
    private final String productId;
    private final String token;
    private final List<Probe> probes = new ArrayList<>();

    private FuzzCases(JsonNode document, String productId, String token) {
        this.document = document;
        this.productId = productId;
        this.token = token;
    }

    /** The malformed requests for one document; {@code token} may do anything, {@code productId} exists. */
    public static List<Probe> of(JsonNode document, String productId, String token) {
        FuzzCases cases = new FuzzCases(document, productId, token);
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    cases.operation(path.getKey(), method.getKey(), method.getValue(), path.getValue().path("parameters"));
                }
            }
        }
        return cases.probes;
    }

    private void operation(String path, String method, JsonNode operation, JsonNode pathLevelParameters) {
        String name = method.toUpperCase() + " " + path;
        boolean read = method.equals("get");
        List<JsonNode> parameters = new ArrayList<>();
        pathLevelParameters.forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode example = schema.isMissingNode() ? null : BodyMutations.exampleOf(document, schema);
        byte[] valid = example == null ? null : bytes(example);
        Map<String, String> validPath = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            if (parameter.path("in").asText().equals("path")) {
                validPath.put(parameter.path("name").asText(), validValue(parameter));
            }
        }
        String target = expand(path, validPath);

        add(name, "without a token", method, target, json(), valid, !read, false);
        for (String parameter : validPath.keySet()) {
            JsonNode parameterSchema = BodyMutations.resolve(document, schemaOf(parameters, parameter));
            for (String bad : badValues(parameterSchema)) {
                Map<String, String> malformed = new LinkedHashMap<>(validPath);
                malformed.put(parameter, bad);
                add(name, "path " + parameter + "=" + shorten(bad), method, expand(path, malformed), json(), valid, !read, true);
            }
        }
        if (read) {
            for (JsonNode parameter : parameters) {
                if (parameter.path("in").asText().equals("query")) {
                    String query = parameter.path("name").asText();
                    for (String bad : badValues(BodyMutations.resolve(document, parameter.path("schema")))) {
                        add(name, "query " + query + "=" + shorten(bad), method, target + "?" + query + "=" + bad, json(), null, false, true);
                    }
                }
            }
            add(name, "a request target past 8 KiB", method, target + "?x=" + "y".repeat(9000), json(), null, false, true);
            return;
        }
        if (parameters.stream().anyMatch(p -> p.path("name").asText().equals("If-Match"))) {
            for (String version : List.of("\"not-a-version\"", "\"99999999999999999999\"", "W/\"-1\"")) {
                add(name, "If-Match " + version, method, target, Map.of("Content-Type", "application/json", "If-Match", version), valid, true, true);
            }
        }
        if (valid != null) {
            body(name, method, target, schema, example, valid);
        }
    }

    private void body(String name, String method, String target, JsonNode schema, JsonNode example, byte[] valid) {
        for (String mediaType : OTHER_MEDIA_TYPES) {
            add(name, "the body as " + mediaType, method, target, Map.of("Content-Type", mediaType), valid, true, true);
        }
        add(name, "no body", method, target, json(), new byte[0], true, true);
        add(name, "malformed JSON", method, target, json(), "{\"x\": ".getBytes(StandardCharsets.UTF_8), true, true);
        add(name, "trailing garbage", method, target, json(), concat(valid, "}{".getBytes(StandardCharsets.UTF_8)), true, true);
        add(name, "invalid UTF-8", method, target, json(), concat("{\"".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF}, "\": 1}".getBytes(StandardCharsets.UTF_8)), true, true);
        for (String notAnObject : List.of("null", "[]", "\"text\"", "42", "true")) {
            add(name, "the body " + notAnObject, method, target, json(), notAnObject.getBytes(StandardCharsets.UTF_8), true, true);
        }
        add(name, "arrays nested 10,000 deep", method, target, json(),
                ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8), true, true);
        if (example.isObject() && !example.isEmpty()) {
            // written by hand: Jackson itself neither reads nor writes JSON nested past 1,000 levels
            String field = example.fieldNames().next();
            ObjectNode rest = example.deepCopy();
            rest.remove(field);
            String others = new String(bytes(rest), StandardCharsets.UTF_8).substring(1);
            String nested = "{\"" + field + "\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)
                    + (others.equals("}") ? "" : ",") + others;
            add(name, field + " as objects nested 2,000 deep", method, target, json(), nested.getBytes(StandardCharsets.UTF_8), true, true);
        }
        for (int size : new int[]{300 * 1024, 3 * 1024 * 1024}) {
            ObjectNode padded = example.isObject() ? (ObjectNode) example.deepCopy() : JSON.createObjectNode();
            padded.put("padding" + BodyMutations.FDD0, "x".repeat(size));
            add(name, "a body of " + size / 1024 + " KiB", method, target, json(), bytes(padded), true, true);
        }
        for (BodyMutations.Mutation mutation : BodyMutations.of(document, schema, example)) {
            add(name, mutation.what(), method, target, json(), bytes(mutation.body()), true, true);
        }
    }

    private void add(String operation, String what, String method, String target, Map<String, String> headers, byte[] body,
                     boolean mustBeRefused, boolean authenticated) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (authenticated) {
            all.put("Authorization", "Bearer " + token);
        }
        if (body == null && !method.equals("get") && !all.containsKey("Content-Type")) {
            body = new byte[0];
        }
        probes.add(new Probe(operation, what, method.toUpperCase(), target, Map.copyOf(all), body, mustBeRefused));
    }

    /** A value the parameter takes: the real product, a random id, a number, or a plain word. */
    private String validValue(JsonNode parameter) {
        JsonNode schema = BodyMutations.resolve(document, parameter.path("schema"));
        if (parameter.path("name").asText().equals("productId")) {
            return productId;
        }
        return switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "int64", "int32" -> "1";
            default -> "fuzz";
        };
    }

    /** Malformed values for a parameter, percent-encoded as they go into the request target. */
    private static List<String> badValues(JsonNode schema) {
        List<String> values = new ArrayList<>(BAD_TEXT);
        String format = schema.path("format").asText("");
        if (format.equals("uuid")) {
            values.add("not-a-uuid");
            values.add(UUID.randomUUID() + NONCHARACTER);
        } else if (format.startsWith("int") || schema.path("type").asText().equals("integer")) {
            values.addAll(BAD_NUMBERS);
        } else {
            values.addAll(BAD_NUMBERS);
            values.add("x".repeat(schema.path("maxLength").asInt(1000) + 1));
        }
        return values;
    }

    private static JsonNode schemaOf(List<JsonNode> parameters, String name) {
        return parameters.stream().filter(p -> p.path("name").asText().equals(name)).findFirst().orElseThrow().path("schema");
    }

    private static String expand(String path, Map<String, String> values) {
        String expanded = path;
        for (Map.Entry<String, String> value : values.entrySet()) {
            expanded = expanded.replace("{" + value.getKey() + "}", value.getValue());
        }
        return expanded;
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " characters)" : value;
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
