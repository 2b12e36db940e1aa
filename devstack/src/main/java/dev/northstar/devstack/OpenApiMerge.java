package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One OpenAPI 3.1 document for the whole API, as the front door serves it: the five services' documents merged,
 * with the paths the front door routes (operations marked deprecated stay in each service's own document only), the
 * tags of every area once, one {@code servers} entry (the front door) and the components of all five. A schema name
 * two services use for different schemas ({@code Status}) takes its service's name in front ({@code RoadmapStatus})
 * in both, with every reference to it; an operationId two services share fails the merge.
 */
public final class OpenApiMerge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String SCHEMAS = "#/components/schemas/";

    private OpenApiMerge() {
    }

    /** Merges the documents, given by service name (roadmap-service, …) in the order their paths should appear. */
    public static ObjectNode merge(Map<String, JsonNode> documents) {
        Map<String, Map<String, JsonNode>> schemasByName = new TreeMap<>();
        documents.forEach((service, document) -> document.path("components").path("schemas").properties()
                .forEach(entry -> schemasByName.computeIfAbsent(entry.getKey(), name -> new LinkedHashMap<>())
                        .put(service, entry.getValue())));
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Northstar API");
        info.put("version", documents.values().stream().map(d -> d.path("info").path("version").asText()).findFirst().orElse(""));
        info.put("description", "Every operation of Northstar's five services at one origin, the front door.");
        merged.putArray("servers").addObject().put("url", "/").put("description", "the front door");
        Map<String, JsonNode> tags = new TreeMap<>();
        ObjectNode paths = JSON.createObjectNode();
        ObjectNode schemas = JSON.createObjectNode();
        ObjectNode securitySchemes = JSON.createObjectNode();
        Map<String, String> operationIds = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        documents.forEach((service, original) -> {
            Map<String, String> renamed = new HashMap<>();
            schemasByName.forEach((name, byService) -> {
                if (byService.containsKey(service) && byService.values().stream().distinct().count() > 1) {
                    renamed.put(SCHEMAS + name, SCHEMAS + area(service) + name);
                }
            });
            JsonNode document = renamed.isEmpty() ? original : rewriteReferences(original.deepCopy(), renamed);
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
            document.path("paths").properties().forEach(entry -> {
                ObjectNode current = current(entry.getValue());
                if (current == null) {
                    return;
                }
                for (String method : METHODS) {
                    String id = current.path(method).path("operationId").asText(null);
                    if (id != null && operationIds.putIfAbsent(id, service) != null) {
                        clashes.add(id + " in " + operationIds.get(id) + " and " + service);
                    }
                }
                if (paths.has(entry.getKey())) {
                    clashes.add(entry.getKey() + " in two services");
                }
                paths.set(entry.getKey(), current);
            });
            document.path("components").path("schemas").properties().forEach(entry -> {
                String name = renamed.containsKey(SCHEMAS + entry.getKey()) ? area(service) + entry.getKey() : entry.getKey();
                schemas.set(name, entry.getValue());
            });
            document.path("components").path("securitySchemes").properties()
                    .forEach(entry -> securitySchemes.set(entry.getKey(), entry.getValue()));
        });
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("the documents cannot be merged: " + String.join("; ", clashes));
        }
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        merged.set("paths", paths);
        ObjectNode components = merged.putObject("components");
        components.set("schemas", sorted(schemas));
        components.set("securitySchemes", securitySchemes);
        return merged;
    }

    /** The path item with its deprecated operations left out; null when none is left. */
    private static ObjectNode current(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        for (String method : METHODS) {
            if (copy.path(method).path("deprecated").asBoolean(false)) {
                copy.remove(method);
            }
        }
        return METHODS.stream().anyMatch(copy::has) ? copy : null;
    }

    private static JsonNode rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && renamed.containsKey(entry.getValue().asText())) {
                    entry.setValue(TextNode.valueOf(renamed.get(entry.getValue().asText())));
                } else {
                    rewriteReferences(entry.getValue(), renamed);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewriteReferences(element, renamed));
        }
        return node;
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode sorted = JSON.createObjectNode();
        new TreeMap<>(toMap(node)).forEach(sorted::set);
        return sorted;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    /** roadmap-service: Roadmap. */
    private static String area(String service) {
        String area = service.replace("-service", "");
        return Character.toUpperCase(area.charAt(0)) + area.substring(1);
    }
}
