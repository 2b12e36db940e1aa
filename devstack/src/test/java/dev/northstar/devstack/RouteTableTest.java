package dev.northstar.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @Test
    void a_subtree_of_one_service_is_one_prefix_route_and_where_services_part_ways_the_path_is_exact() {
        RouteTable table = RouteTable.derive(Map.of(
                "roadmap-service", List.of("/api/v1/products", "/api/v1/products/{productId}",
                        "/api/v1/products/{productId}/releases/{releaseId}", "/api/v1/products/{productId}/releases/{releaseId}/ship"),
                "analytics-service", List.of("/api/v1/products/{productId}/metrics", "/api/v1/products/{productId}/metrics/stream",
                        "/api/v1/products/{productId}/releases/{releaseId}/notes")));

        assertThat(table.routes()).extracting(route -> route.match() + " " + route.path() + " " + route.service()).containsExactly(
                "EXACT /api/v1/products roadmap-service",
                "EXACT /api/v1/products/{productId} roadmap-service",
                "PREFIX /api/v1/products/{productId}/metrics analytics-service",
                "EXACT /api/v1/products/{productId}/releases/{releaseId} roadmap-service",
                "PREFIX /api/v1/products/{productId}/releases/{releaseId}/notes analytics-service",
                "PREFIX /api/v1/products/{productId}/releases/{releaseId}/ship roadmap-service");
        assertThat(table.route("/api/v1/products/p1/metrics/stream")).get().extracting(RouteTable.Route::service).isEqualTo("analytics-service");
        assertThat(table.route("/api/v1/products/p1/releases/r1")).get().extracting(RouteTable.Route::service).isEqualTo("roadmap-service");
        assertThat(table.route("/api/v1/products/p1/releases/r1/notes")).get().extracting(RouteTable.Route::regex)
                .isEqualTo("/api/v1/products/[^/]+/releases/[^/]+/notes(/.*)?");
        assertThat(table.route("/api/v1/products/p1/elsewhere")).isEmpty();
    }

    @Test
    void a_literal_segment_matches_itself_only() {
        RouteTable table = RouteTable.derive(Map.of("analytics-service", List.of("/dashboard.html", "/api/v1/shared/{token}/metrics"),
                "roadmap-service", List.of("/api/v1/shared/{token}/roadmap")));

        assertThat(table.route("/dashboard.html")).get().extracting(RouteTable.Route::regex).isEqualTo("/dashboard\\.html(/.*)?");
        assertThat(table.route("/dashboardxhtml")).isEmpty();
    }

    @Test
    void a_path_two_services_claim_is_refused() {
        assertThatThrownBy(() -> RouteTable.derive(Map.of(
                "roadmap-service", List.of("/api/v1/admin/consumers", "/api/v1/products"),
                "backlog-service", List.of("/api/v1/admin/consumers"))))
                .hasMessageContaining("/api/v1/admin/consumers is claimed by backlog-service and roadmap-service");
    }

    @Test
    void a_parameter_beside_another_services_literal_segment_is_refused() {
        assertThatThrownBy(() -> RouteTable.derive(Map.of(
                "roadmap-service", List.of("/api/v1/products/{productId}"),
                "backlog-service", List.of("/api/v1/products/batch"))))
                .hasMessageContaining("/api/v1/products/{productId} of roadmap-service stands beside literal segments");
    }
}
