package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which service answers which path at the front door: the local run's proxy ({@link FrontDoor}), compose's NGINX and
 * the chart's Ingress or HTTPRoute all route by the one table in {@code deploy/routes.json}, derived from the
 * services' OpenAPI documents by {@link #derive}.
 * <p>
 * The routes never overlap, so that every proxy may try them in any order (ingress-nginx orders regex locations by
 * length, Gateway API leaves the order of regex matches to the implementation): a subtree of paths that only one
 * service serves becomes one {@link Match#PREFIX} route, a path where services part ways an {@link Match#EXACT} one.
 * A path that two services claim, or a literal segment beside a parameter that belongs to another service, cannot be
 * routed that way, and {@link #derive} refuses it.
 */
public record RouteTable(List<Route> routes) {
    public static final String FILE = "deploy/routes.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PARAMETER = "*";

    public enum Match { EXACT, PREFIX }

    /**
     * One route: a path template ({@code /api/v1/products/{productId}/backlog}), whether it matches that path only or
     * everything below it too, the service (its module name), and the same as a regular expression that matches a
     * whole request path (RE2 and PCRE alike; NGINX, ingress-nginx and Gateway API implementations take it as is).
     */
    public record Route(String path, Match match, String service, String regex) {
        public Route(String path, Match match, String service) {
            this(path, match, service, regexOf(path, match));
        }

        boolean matches(String requestPath) {
            return Pattern.matches(regex, requestPath);
        }
    }

    static String regexOf(String template, Match match) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.substring(1).split("/")) {
            regex.append('/').append(segment.startsWith("{") ? "[^/]+" : segment.replaceAll("[.+*?^$()\\[\\]{}|\\\\]", "\\\\$0"));
        }
        return match == Match.PREFIX ? regex + "(/.*)?" : regex.toString();
    }

    /** The route of a request path (without its query), if any. */
    public Optional<Route> route(String requestPath) {
        return routes.stream().filter(route -> route.matches(requestPath)).findFirst();
    }

    public static RouteTable read(Path file) throws IOException {
        JsonNode routes = JSON.readTree(file.toFile()).path("routes");
        List<Route> read = new ArrayList<>();
        for (JsonNode route : routes) {
            Route parsed = new Route(route.path("path").asText(), Match.valueOf(route.path("match").asText()),
                    route.path("service").asText());
            if (!parsed.regex().equals(route.path("regex").asText())) {
                throw new IOException(file + ": the regex of " + parsed.path() + " should be " + parsed.regex());
            }
            read.add(parsed);
        }
        return new RouteTable(List.copyOf(read));
    }

    public void write(Path file) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("description", "Which service answers which path at the front door. Derived from the services' "
                + "OpenAPI documents: regenerate with -Dnorthstar.routes.record=true (system-tests RouteTableTest).");
        document.put("routes", routes);
        Files.writeString(file, JSON.writeValueAsString(document) + "\n");
    }

    /**
     * Derives the table from each service's documented, not deprecated, path templates.
     *
     * @throws IllegalArgumentException naming every path that two services claim or that no route could tell apart
     */
    public static RouteTable derive(Map<String, ? extends Collection<String>> pathsByService) {
        Node root = new Node();
        pathsByService.forEach((service, paths) -> paths.forEach(path -> root.add(path, service)));
        List<Route> routes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        root.emit("", routes, conflicts);
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("paths the front door cannot route:\n  " + String.join("\n  ", conflicts));
        }
        return new RouteTable(List.copyOf(routes));
    }

    /** A path segment and everything documented below it. */
    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        final Set<String> services = new TreeSet<>();
        final Set<String> endpoints = new TreeSet<>();
        String name;

        void add(String template, String service) {
            Node node = this;
            services.add(service);
            for (String segment : template.substring(1).split("/")) {
                boolean parameter = segment.startsWith("{");
                Node child = node.children.computeIfAbsent(parameter ? PARAMETER : segment, key -> new Node());
                if (child.name == null) {
                    child.name = segment;
                }
                child.services.add(service);
                node = child;
            }
            node.endpoints.add(service);
        }

        void emit(String path, List<Route> routes, List<String> conflicts) {
            if (services.size() == 1 && !path.isEmpty()) {
                routes.add(new Route(path, Match.PREFIX, services.iterator().next()));
                return;
            }
            if (endpoints.size() > 1) {
                conflicts.add(path + " is claimed by " + String.join(" and ", endpoints));
            } else if (endpoints.size() == 1) {
                routes.add(new Route(path, Match.EXACT, endpoints.iterator().next()));
            }
            Node parameter = children.get(PARAMETER);
            if (parameter != null && children.size() > 1) {
                Set<String> beside = new TreeSet<>();
                children.forEach((key, child) -> beside.addAll(child.services));
                if (beside.size() > 1) {
                    conflicts.add(path + "/" + parameter.name + " of " + String.join(", ", parameter.services)
                            + " stands beside literal segments of other services: " + String.join(", ", beside));
                    return;
                }
            }
            children.forEach((key, child) -> child.emit(path + "/" + child.name, routes, conflicts));
        }
    }
}
