package dev.northstar.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The front door's route table, {@code deploy/routes.json}, which compose's NGINX and the chart must follow. */
final class Routes {
    private Routes() {
    }

    /** One route: the regular expression of the request paths it takes (a whole path) and the service they go to. */
    record Route(String path, String match, String service, String regex) {
    }

    static List<Route> all() throws IOException {
        JsonNode table = new ObjectMapper().readTree(Repository.root().resolve("deploy/routes.json").toFile());
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : table.path("routes")) {
            routes.add(new Route(route.path("path").asText(), route.path("match").asText(), route.path("service").asText(),
                    route.path("regex").asText()));
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("deploy/routes.json has no routes");
        }
        return routes;
    }
}
