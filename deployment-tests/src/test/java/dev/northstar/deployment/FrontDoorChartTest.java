package dev.northstar.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart's front door: an Ingress (by default) or an HTTPRoute that route exactly as deploy/routes.json says. */
class FrontDoorChartTest {

    /** What each route's regex becomes in the chart, mapped to the chart's Service of the route's service. */
    private static Map<String, String> expected(String prefix, String suffix) throws Exception {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Routes.Route route : Routes.all()) {
            routes.put(prefix + route.regex() + suffix, "northstar-" + route.service().replace("-service", ""));
        }
        return routes;
    }

    @Test
    void the_charts_copy_of_the_route_table_is_the_route_table() throws Exception {
        assertThat(Repository.chart().resolve("files/routes.json"))
                .hasContent(Files.readString(Repository.root().resolve("deploy/routes.json")));
    }

    @Test
    void by_default_an_ingress_for_ingress_nginx_routes_every_path_of_the_table_to_its_service() throws Exception {
        Manifests manifests = Chart.defaults().render();
        assertThat(manifests.of(HTTPRoute.class)).isEmpty();
        Ingress ingress = manifests.get(Ingress.class, "northstar");

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/use-regex", "true")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "4m")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
        IngressRule rule = ingress.getSpec().getRules().getFirst();
        assertThat(rule.getHost()).isNull();
        Map<String, String> paths = new LinkedHashMap<>();
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            assertThat(path.getPathType()).isEqualTo("ImplementationSpecific");
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            paths.put(path.getPath(), path.getBackend().getService().getName());
        }
        // ingress-nginx puts "^" in front of each path itself
        assertThat(paths).containsExactlyEntriesOf(expected("", "$"));
    }

    @Test
    void host_and_tls_come_from_values_and_share_links_name_the_host() {
        Manifests manifests = Chart.defaults().set("frontDoor.host", "api.example.com")
                .set("frontDoor.tls.secretName", "api-example-com-tls").render();
        Ingress ingress = manifests.get(Ingress.class, "northstar");

        assertThat(ingress.getSpec().getRules().getFirst().getHost()).isEqualTo("api.example.com");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("api.example.com");
            assertThat(tls.getSecretName()).isEqualTo("api-example-com-tls");
        });
        assertThat(manifests.get(ConfigMap.class, "northstar-config").getData())
                .containsEntry("NORTHSTAR_SHARE_LINKS_ROADMAP_URL", "https://api.example.com")
                .containsEntry("NORTHSTAR_SHARE_LINKS_DASHBOARD_URL", "https://api.example.com");
    }

    @Test
    void an_httproute_attached_to_the_gateway_routes_every_path_of_the_table_by_regular_expression() throws Exception {
        Manifests manifests = Chart.defaults().set("frontDoor.ingress.enabled", false).set("frontDoor.httpRoute.enabled", true)
                .set("frontDoor.host", "api.example.com")
                .set("frontDoor.httpRoute.parentRefs[0].name", "public")
                .set("frontDoor.httpRoute.parentRefs[0].namespace", "gateways").render();
        assertThat(manifests.of(Ingress.class)).isEmpty();
        HTTPRoute route = manifests.get(HTTPRoute.class, "northstar");

        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
            assertThat(parent.getName()).isEqualTo("public");
            assertThat(parent.getNamespace()).isEqualTo("gateways");
        });
        assertThat(route.getSpec().getHostnames()).containsExactly("api.example.com");
        // at most 16 rules in a route: one per service
        assertThat(route.getSpec().getRules()).hasSize(5);
        Map<String, String> paths = new LinkedHashMap<>();
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            String service = rule.getBackendRefs().getFirst().getName();
            assertThat(rule.getBackendRefs().getFirst().getPort()).isEqualTo(80);
            rule.getMatches().forEach(match -> {
                assertThat(match.getPath().getType()).isEqualTo("RegularExpression");
                paths.put(match.getPath().getValue(), service);
            });
            // the SSE streams are analytics'; nothing cuts them
            if (service.equals("northstar-analytics")) {
                assertThat(rule.getTimeouts().getRequest()).isEqualTo("0s");
            } else {
                assertThat(rule.getTimeouts()).isNull();
            }
        }
        assertThat(paths).containsExactlyInAnyOrderEntriesOf(expected("^", "$"));
    }

    @Test
    void an_httproute_needs_its_gateway_and_a_disabled_service_gets_no_routes() {
        assertThatThrownBy(() -> Chart.defaults().set("frontDoor.httpRoute.enabled", true).render())
                .hasMessageContaining("frontDoor.httpRoute.parentRefs");

        Ingress ingress = Chart.defaults().set("services.integrations.enabled", false).render().get(Ingress.class, "northstar");
        List<String> services = ingress.getSpec().getRules().getFirst().getHttp().getPaths().stream()
                .map(path -> path.getBackend().getService().getName()).distinct().toList();
        assertThat(services).containsExactlyInAnyOrder("northstar-roadmap", "northstar-backlog", "northstar-feedback",
                "northstar-analytics");
    }
}
