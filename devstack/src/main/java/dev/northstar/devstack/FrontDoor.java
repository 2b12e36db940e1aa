package dev.northstar.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local run's one origin: every API path at one port (8080 by default), forwarded by Vert.x's reverse proxy to
 * the service the {@link RouteTable} names. Bodies stream both ways (an SSE stream reaches the client event by event,
 * a body over a service's limit gets that service's own 413), headers pass as they are (Authorization too) plus
 * X-Forwarded-*; a path no route claims gets a 404 problem from the front door itself, a service that does not
 * answer a 502 problem. It serves the whole API's OpenAPI document and Swagger UI on it itself ({@link ApiDocuments}).
 */
public final class FrontDoor implements AutoCloseable {
    static final String PROBLEM = "application/problem+json";
    private static final String ATTRIBUTE_PORT = "northstar.origin-port";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Compiled(Pattern pattern, String service, HttpProxy proxy) {
    }

    private final Vertx vertx;
    private final HttpServer server;

    private FrontDoor(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code port} (0: any free one) and forwards to the services at {@code servicePorts} on this machine;
     * serves the whole API's document and its docs page itself when given them.
     */
    static FrontDoor start(RouteTable table, Map<String, Integer> servicePorts, int port, Optional<ApiDocuments> documents)
            throws Exception {
        // two event loops: the proxy's work is small beside the services', which share the same cores; no file cache
        // (Vert.x would make a .vertx folder in the working directory)
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            // a pool large enough that open SSE streams never hold up other calls to the same service
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(256));
            Map<String, HttpProxy> proxies = new LinkedHashMap<>();
            List<Compiled> routes = new ArrayList<>();
            for (RouteTable.Route route : table.routes()) {
                Integer servicePort = servicePorts.get(route.service());
                if (servicePort == null) {
                    throw new IllegalArgumentException("the route table names a service the local run lacks: " + route.service());
                }
                HttpProxy proxy = proxies.computeIfAbsent(route.service(), service -> HttpProxy.reverseProxy(client)
                        .origin(servicePort, "localhost").addInterceptor(new Forwarded(service)));
                routes.add(new Compiled(Pattern.compile(route.regex()), route.service(), proxy));
            }
            // the services accept request lines up to 64 KB (answering a 414 problem past 8 KB) and 20 KB of headers
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("localhost").setPort(port)
                            .setMaxInitialLineLength(65536).setMaxHeaderSize(20480))
                    .requestHandler(request -> forward(request, routes, documents))
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new FrontDoor(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    private static void forward(HttpServerRequest request, List<Compiled> routes, Optional<ApiDocuments> documents) {
        String path = request.path();
        if (documents.isPresent() && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            // relative addresses (Swagger UI's files, the topics' documents the AsyncAPI index links) resolve in the folder
            if (path.equals("/docs") || path.equals("/asyncapi.yaml")) {
                request.response().setStatusCode(301).putHeader("Location", path.equals("/docs") ? "/docs/" : "/asyncapi/index.yaml").end();
                return;
            }
            Optional<ApiDocuments.Document> document = documents.get().serve(path);
            if (document.isPresent()) {
                request.response().putHeader("Content-Type", document.get().contentType())
                        .end(Buffer.buffer(document.get().body()));
                return;
            }
        }
        for (Compiled route : routes) {
            if (route.pattern().matcher(path).matches()) {
                route.proxy().handle(request);
                return;
            }
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://northstar.dev/problems/not-found");
        problem.put("title", "Not found");
        problem.put("status", 404);
        problem.put("detail", "no service of Northstar serves " + path);
        problem.put("instance", path);
        request.response().setStatusCode(404).putHeader("Content-Type", PROBLEM).end(json(problem));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tells the service where the request came from, and answers a problem when the service does not. */
    private record Forwarded(String service) implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            SocketAddress client = incoming.remoteAddress();
            String forwardedFor = incoming.getHeader("X-Forwarded-For");
            String address = client == null ? "unknown" : client.hostAddress();
            context.request().headers()
                    .set("X-Forwarded-For", forwardedFor == null ? address : forwardedFor + ", " + address)
                    .set("X-Forwarded-Proto", incoming.scheme())
                    .set("X-Forwarded-Port", Integer.toString(incoming.localAddress().port()));
            if (incoming.authority() != null) {
                context.request().headers().set("X-Forwarded-Host", incoming.authority().toString());
            }
            return context.sendRequest().recover(failure -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "https://northstar.dev/problems/bad-gateway");
                problem.put("title", "Bad gateway");
                problem.put("status", 502);
                problem.put("detail", service + " did not answer: " + failure.getMessage());
                problem.put("instance", incoming.path());
                return Future.succeededFuture(context.request().response().setStatusCode(502)
                        .putHeader("Content-Type", PROBLEM).setBody(Body.body(Buffer.buffer(json(problem)))));
            });
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
