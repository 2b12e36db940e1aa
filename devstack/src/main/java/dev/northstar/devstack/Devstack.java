package dev.northstar.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole of Northstar on one machine with nothing but a JDK: PostgreSQL, a Kafka broker and every
 * service, as child processes, with their data under one folder that survives restarts.
 * Stops everything, services first, on Ctrl-C.
 */
public final class Devstack implements AutoCloseable {

    /**
     * A service of the local run: its module folder, its port, the prefix of its environment variables and the
     * settings it runs with on one machine only.
     */
    public record Service(String name, String database, int port, String envPrefix, Map<String, String> localSettings) {

        public Service(String name, String database, int port, String envPrefix) {
            this(name, database, port, envPrefix, Map.of());
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("roadmap-service", "roadmap", 8081, "ROADMAP"),
            new Service("backlog-service", "backlog", 8082, "BACKLOG"),
            new Service("feedback-service", "feedback", 8083, "FEEDBACK"),
            new Service("analytics-service", "analytics", 8084, "ANALYTICS"),
            // webhooks to receivers on this machine, over plain http: what trying it out locally needs
            new Service("integrations-service", "integrations", 8085, "INTEGRATIONS", Map.of(
                    "NORTHSTAR_WEBHOOKS_ALLOW_HTTP", "true",
                    "NORTHSTAR_WEBHOOKS_ALLOWED_ADDRESS_KINDS", "LOOPBACK")));

    /**
     * Where the stack keeps its data and which ports it takes; {@code frontDoorPort} 0 takes any free port (tests,
     * benchmarks), {@code ./northstar up} takes 8080 or NORTHSTAR_PORT.
     */
    public record Settings(Path root, Path dataDir, int postgresPort, String externalPostgresUrl, String postgresUser,
                           String postgresPassword, int kafkaPort, int kafkaControllerPort, Map<String, Integer> servicePorts,
                           Map<String, String> serviceEnvironment, int frontDoorPort) {

        public Settings(Path root, Path dataDir, int postgresPort, String externalPostgresUrl, String postgresUser,
                        String postgresPassword, int kafkaPort, int kafkaControllerPort, Map<String, Integer> servicePorts) {
            this(root, dataDir, postgresPort, externalPostgresUrl, postgresUser, postgresPassword, kafkaPort,
                    kafkaControllerPort, servicePorts, Map.of(), 0);
        }

        /** The same stack with more environment variables for every service (NORTHSTAR_LOG_JSON=true, say). */
        public Settings withServiceEnvironment(Map<String, String> environment) {
            return new Settings(root, dataDir, postgresPort, externalPostgresUrl, postgresUser, postgresPassword, kafkaPort,
                    kafkaControllerPort, servicePorts, Map.copyOf(environment), frontDoorPort);
        }

        public static Settings fromEnvironment(Path root) {
            Map<String, String> env = System.getenv();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Service service : SERVICES) {
                ports.put(service.name(), Integer.parseInt(env.getOrDefault(service.envPrefix() + "_PORT", Integer.toString(service.port()))));
            }
            return new Settings(root,
                    Path.of(env.getOrDefault("NORTHSTAR_DATA", root.resolve(".northstar").toString())).toAbsolutePath(),
                    Integer.parseInt(env.getOrDefault("NORTHSTAR_PG_PORT", "55432")),
                    env.get("NORTHSTAR_PG_URL"),
                    env.getOrDefault("NORTHSTAR_PG_USER", "postgres"),
                    env.getOrDefault("NORTHSTAR_PG_PASSWORD", "postgres"),
                    Integer.parseInt(env.getOrDefault("NORTHSTAR_KAFKA_PORT", "59092")),
                    Integer.parseInt(env.getOrDefault("NORTHSTAR_KAFKA_CONTROLLER_PORT", "59093")),
                    ports, Map.of(), Integer.parseInt(env.getOrDefault("NORTHSTAR_PORT", "8080")));
        }
    }

    private final Settings settings;
    private final Path logs;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalSigningKey signingKey;
    private String masterKey;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private SharedClassArchive classArchive;
    private FrontDoor frontDoor;
    private final Thread stopOnExit = new Thread(this::close, "northstar-stop");
    private boolean closed;

    private Devstack(Settings settings, Path logs) {
        this.settings = settings;
        this.logs = logs;
    }

    public static Devstack start(Settings settings) throws Exception {
        requireFreePorts(settings);
        Path logs = settings.dataDir().resolve("logs");
        Files.createDirectories(logs);
        Devstack stack = new Devstack(settings, logs);
        // from here on the JVM's end (Ctrl-C included) stops what runs, services first, PostgreSQL last
        Runtime.getRuntime().addShutdownHook(stack.stopOnExit);
        try {
            if (settings.externalPostgresUrl() != null) {
                stack.postgres = LocalPostgres.external(settings.externalPostgresUrl(), settings.postgresUser(), settings.postgresPassword());
                say("PostgreSQL   %s (yours)", settings.externalPostgresUrl());
            } else {
                stack.postgres = LocalPostgres.embedded(settings.dataDir().resolve("postgres"), settings.postgresPort());
                say("PostgreSQL   jdbc:postgresql://localhost:%d/ (embedded, data in %s)", settings.postgresPort(),
                        settings.dataDir().resolve("postgres"));
            }
            stack.postgres.ensureDatabases(SERVICES.stream().map(Service::database).toList());

            // the services start beside Kafka rather than after it: they need it only once they run (their topics
            // are created as soon as it answers), and the broker's start and theirs overlap
            stack.kafka = LocalKafka.launch(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort(),
                    logs.resolve("kafka.log"), stack.kafkaCacheDirectory());
            stack.classArchive = classArchive(settings.root());
            // the front door opens first, so that the services can name it in the links they make (share links)
            stack.frontDoor = FrontDoor.start(RouteTable.read(settings.root().resolve(RouteTable.FILE)),
                    settings.servicePorts(), settings.frontDoorPort(), apiDocuments(settings.root()));
            stack.signingKey = LocalSigningKey.ensure(settings.dataDir());
            stack.masterKey = LocalMasterKey.ensure(settings.dataDir());
            for (Service service : SERVICES) {
                stack.launch(service);
            }
            stack.kafka.awaitReady();
            say("Kafka        %s (KRaft, data in %s)", stack.kafka.bootstrapServers(), settings.dataDir().resolve("kafka"));
            say("Tokens       signed by %s (issuer %s)", settings.dataDir().resolve("keys"), LocalSigningKey.ISSUER);
            for (ServiceProcess service : stack.services.values()) {
                stack.awaitReady(service);
            }
            say("Front door   %s   (every API path, routed by %s; the whole API's document %s/openapi.json, its docs "
                    + "%s/docs; the ports above are for operators)", stack.frontDoor.url(), RouteTable.FILE,
                    stack.frontDoor.url(), stack.frontDoor.url());
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    /** The whole API's document for the front door; none (and why) when the build wrote no documents or they clash. */
    private static Optional<ApiDocuments> apiDocuments(Path root) throws IOException {
        try {
            Optional<ApiDocuments> documents = ApiDocuments.of(root, SERVICES.stream().map(Service::name).toList());
            if (documents.isEmpty()) {
                say("(no OpenAPI documents in the services' target/openapi: the front door serves no /openapi.json)");
            }
            return documents;
        } catch (IllegalArgumentException clash) {
            say("(the front door serves no /openapi.json: %s)", clash.getMessage());
            return Optional.empty();
        }
    }

    /** A port already taken usually means another stack is running; say so instead of talking to it. */
    private static void requireFreePorts(Settings settings) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (settings.externalPostgresUrl() == null) {
            ports.put("PostgreSQL (NORTHSTAR_PG_PORT)", settings.postgresPort());
        }
        if (settings.frontDoorPort() != 0) {
            ports.put("the front door (NORTHSTAR_PORT)", settings.frontDoorPort());
        }
        ports.put("Kafka (NORTHSTAR_KAFKA_PORT)", settings.kafkaPort());
        ports.put("Kafka controller (NORTHSTAR_KAFKA_CONTROLLER_PORT)", settings.kafkaControllerPort());
        for (Service service : SERVICES) {
            int port = settings.servicePorts().get(service.name());
            ports.put(service.name() + " (" + service.envPrefix() + "_PORT)", port);
            ports.put(service.name() + " management (" + service.envPrefix() + "_PORT + 1000)", ServiceProcess.managementPort(port));
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((what, port) -> {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(port));
            } catch (java.io.IOException e) {
                taken.add(what + " port " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("in use already: " + String.join(", ", taken)
                    + ". Is another Northstar running? Stop it, or choose other ports with the variables named.");
        }
    }

    private void launch(Service service) throws Exception {
        services.put(service.name(), spawn(service, settings.servicePorts().get(service.name()),
                logs.resolve(service.name() + ".log")));
    }

    /**
     * Starts one more instance of a service on another port, with the same database and Kafka, and waits until it is
     * ready: a second replica, as Kubernetes would run. The caller stops it.
     */
    public ServiceProcess startReplica(String serviceName, int port) throws Exception {
        Service service = SERVICES.stream().filter(s -> s.name().equals(serviceName)).findFirst().orElseThrow();
        ServiceProcess replica = spawn(service, port, logs.resolve(service.name() + "-" + port + ".log"));
        awaitReady(replica);
        return replica;
    }

    private ServiceProcess spawn(Service service, int port, Path log) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(service.localSettings());
        env.putAll(settings.serviceEnvironment());
        env.putAll(Map.of(
                service.envPrefix() + "_DB_URL", postgres.jdbcUrl(service.database()),
                service.envPrefix() + "_DB_USER", postgres.user(),
                service.envPrefix() + "_DB_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", signingKey.publicKey().toString(),
                "MP_JWT_VERIFY_ISSUER", LocalSigningKey.ISSUER,
                "NORTHSTAR_CUSTOMER_DATA_MASTER_KEY", masterKey,
                // no trace collector runs locally unless QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT names one: without one, no
                // spans are made at all (each service then loads fewer classes and exports nothing in vain)
                "NORTHSTAR_TRACING_EXPORT_LOG_LEVEL", System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT") == null ? "ERROR" : "WARN",
                "QUARKUS_OTEL_SDK_DISABLED", Boolean.toString(System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT") == null)));
        // master keys a rotation retired (./northstar keys rotate): they open what is not re-wrapped yet, and the services
        // re-wrap it at start
        env.put("NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS_FILE", LocalMasterKey.previousFile(settings.dataDir()).toString());
        // the services that open share links ask their owner whether a link still opens (fail closed when it does not answer)
        env.put("NORTHSTAR_SHARE_LINKS_AUTHORITY_URL", "http://localhost:" + settings.servicePorts().get("integrations-service"));
        // the links a share link opens go through the front door, like every other address a user is given
        env.put("NORTHSTAR_SHARE_LINKS_ROADMAP_URL", frontDoor.url());
        env.put("NORTHSTAR_SHARE_LINKS_DASHBOARD_URL", frontDoor.url());
        return ServiceProcess.start(service.name(), classArchive, port, env, log);
    }

    /** The class archive of the services' libraries lives with the build, so that throw-away stacks share it too. */
    private static SharedClassArchive classArchive(Path root) throws IOException {
        Map<String, Path> packaged = new LinkedHashMap<>();
        SERVICES.forEach(service -> packaged.put(service.name(), root.resolve(service.name()).resolve("target/quarkus-app")));
        return SharedClassArchive.of(root.resolve("devstack/target/shared-classes"), packaged, ServiceProcess.jvmOptions());
    }

    /** Whether the services of this build have run once and their libraries' class archive was written. */
    public static boolean classArchiveWritten(Path root) throws IOException {
        return classArchive(root).ready();
    }

    private void awaitReady(ServiceProcess service) throws Exception {
        service.awaitReady(Duration.ofSeconds(90));
        say("%-12s %s   (API docs %s/q/swagger-ui, health and metrics %s/q, log %s)", service.name(), service.url(),
                service.url(), service.managementUrl(), logs.resolve(service.name() + ".log"));
    }

    /** Kills a service the hard way (SIGKILL), as a crashed machine would. */
    public void kill(String serviceName) throws InterruptedException {
        services.get(serviceName).kill();
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public ServiceProcess restart(String serviceName) throws Exception {
        Service service = SERVICES.stream().filter(s -> s.name().equals(serviceName)).findFirst().orElseThrow();
        services.remove(serviceName).close();
        launch(service);
        awaitReady(services.get(serviceName));
        return services.get(serviceName);
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /** The one origin of the whole API (see {@link FrontDoor}). */
    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public Path logDirectory() {
        return logs;
    }

    /** Stops the Kafka broker, as an outage would; {@link #startKafka()} brings it back with its data. */
    public void stopKafka() throws InterruptedException {
        kafka.close();
    }

    public void startKafka() throws Exception {
        kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort(),
                logs.resolve("kafka.log"), kafkaCacheDirectory());
    }

    /** The broker's ahead-of-time cache lives with the build, so that throw-away stacks share it too. */
    private Path kafkaCacheDirectory() {
        return settings.root().resolve("devstack/target/aot");
    }

    /** Stops the embedded PostgreSQL server; {@link #startPostgres()} brings it back with its data. */
    public void stopPostgres() throws java.io.IOException {
        postgres.close();
    }

    public void startPostgres() throws java.io.IOException {
        postgres = LocalPostgres.embedded(settings.dataDir().resolve("postgres"), settings.postgresPort());
    }

    /** Mints tokens the services of this stack accept. */
    public LocalSigningKey signingKey() {
        return signingKey;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Deletes the database and the Kafka log of a throw-away stack (a benchmark, a check, a test) after it was closed:
     * hundreds of megabytes each time. Its logs stay for reading.
     */
    public static void deleteStoresOf(Path dataDir) throws IOException {
        for (String store : List.of("postgres", "kafka")) {
            Path directory = dataDir.resolve(store);
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    /**
     * Stops the services, then Kafka, then PostgreSQL (on Ctrl-C too, through the shutdown hook {@link #start} adds).
     * A second call waits for the first to finish.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself
            }
        }
        if (frontDoor != null) {
            try {
                frontDoor.close();
            } catch (Exception e) {
                say("could not stop the front door: %s", e);
            }
        }
        // all at once: each service takes seconds to leave its consumer groups, and they need not wait for each other
        List<ServiceProcess> running = new ArrayList<>(services.values()).reversed();
        running.forEach(ServiceProcess::requestStop);
        if (kafka != null && kafka.recordingAheadOfTimeCache()) {
            say("(the first run of this build writes Kafka's ahead-of-time cache for the next start: about 20 s more)");
        }
        for (ServiceProcess service : running) {
            try {
                service.close();
            } catch (Exception e) {
                say("could not stop %s: %s", service.name(), e);
            }
        }
        if (classArchive != null && classArchive.canWrite()) {
            say("(writing the class archive of the services' libraries, which the next start maps: about 10 s)");
            try {
                classArchive.write();
            } catch (Exception e) {
                say("could not write the class archive: %s", e);
            }
        }
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            say("could not stop Kafka: %s", e);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            say("could not stop PostgreSQL: %s", e);
        }
    }

    private static void say(String format, Object... arguments) {
        System.out.printf(format + "%n", arguments);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Settings settings = Settings.fromEnvironment(root);
        say("Starting Northstar (data in %s) ...", settings.dataDir());
        Devstack stack;
        try {
            stack = start(settings);
        } catch (IllegalStateException e) {
            System.err.println("Northstar did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping Northstar ...");
            stack.close();
            say("Stopped.");
            stopped.countDown();
        }));
        say("""
                Every API call needs a bearer token. Mint one for a role and products, for example:
                  export TOKEN=$(./northstar token --role product-manager --role product-owner --role contributor --all-products)
                  curl -H "Authorization: Bearer $TOKEN" %s/api/v1/products
                Roles: product-manager, product-owner, team-member, contributor, viewer, admin; --product <id> limits a token to products.
                Load a demo product with ./northstar seed.""", stack.frontDoor().url());
        say("Northstar is up. Press Ctrl-C to stop.");
        // from here the launcher only waits: a full collection gives back the heap that starting everything took (the
        // serial collector shrinks the heap only then), about 40 MB of the launcher's 117
        System.gc();
        stopped.await();
    }
}
