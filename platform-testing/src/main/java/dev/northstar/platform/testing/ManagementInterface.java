package dev.northstar.platform.testing;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.inject.spi.CDI;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Requests to the running application's management interface (health, metrics): a port of its own, not the API's. */
public final class ManagementInterface {

    public static RequestSpecification management() {
        int port = CDI.current().select(ValueRegistry.class).get().get(HttpServer.HTTP_SERVER).getManagementPort();
        return given().port(port);
    }

    /**
     * Health and metrics answer on the management port and not on the API port, where a caller without a token gets
     * nothing from them; the OpenAPI document stays on the API port.
     */
    public static void assertHealthAndMetricsAreOnlyOnTheManagementPort() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            given().get(path).then().statusCode(404);
        }
        management().get("/q/health/live").then().statusCode(200).body(containsString("\"UP\""));
        management().get("/q/health/ready").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }

    private ManagementInterface() {
    }
}
