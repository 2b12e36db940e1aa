package dev.northstar.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker for the local run: one KRaft node (broker and controller) started from the
 * Apache Kafka jars on this module's class path as a child process, its log kept across runs.
 */
public final class LocalKafka implements AutoCloseable {
    /**
     * The released jars of this JVM's class path, Kafka's among them: not Northstar's own modules, which every build
     * replaces and the broker does not need (its ahead-of-time cache then outlives a build).
     */
    private static final List<Path> CLASS_PATH = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar") && !entry.endsWith("-SNAPSHOT.jar")).map(Path::of).toList();
    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;
    private final AheadOfTimeCache aheadOfTimeCache;

    private LocalKafka(Process process, String bootstrapServers, Path logFile, AheadOfTimeCache aheadOfTimeCache) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
        this.aheadOfTimeCache = aheadOfTimeCache;
    }

    /** Starts the broker and waits until it answers. */
    public static LocalKafka start(Path home, int port, int controllerPort, Path logFile, Path cacheDirectory)
            throws Exception {
        LocalKafka kafka = launch(home, port, controllerPort, logFile, cacheDirectory);
        kafka.awaitReady();
        return kafka;
    }

    /**
     * Starts the broker without waiting for it ({@link #awaitReady()} does). Its ahead-of-time cache lives in
     * {@code cacheDirectory}.
     */
    public static LocalKafka launch(Path home, int port, int controllerPort, Path logFile, Path cacheDirectory)
            throws Exception {
        Path logDir = home.resolve("data");
        Files.createDirectories(logDir);
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "node.id=1",
                "process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the default 128 MiB dedupe buffer does not fit the small heap below
                "log.cleaner.dedupe.buffer.size=16777216",
                ""));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            run(home, List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "--config", config.toString(),
                    "--ignore-formatted"), logFile);
        }
        List<String> arguments = new ArrayList<>(ServiceProcess.LOCAL_JVM);
        // as the services' heaps: small at rest, grown under load and given back when idle (the serial collector
        // kept what the benchmark's fill took, with 128 MB at the least)
        arguments.addAll(List.of("-XX:+UseG1GC", "-Xms32m", "-Xmx512m", "-XX:G1PeriodicGCInterval=5000",
                "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40"));
        Files.createDirectories(cacheDirectory);
        AheadOfTimeCache cache = AheadOfTimeCache.of(cacheDirectory, "kafka", arguments, CLASS_PATH);
        arguments.addAll(cache.jvmOptions());
        arguments.addAll(List.of("kafka.Kafka", config.toString()));
        Process broker = java(home, arguments, logFile).start();
        String bootstrap = "127.0.0.1:" + port;
        return new LocalKafka(broker, bootstrap, logFile, cache);
    }

    /** Whether this run records the broker's ahead-of-time cache, which it writes when it stops. */
    public boolean recordingAheadOfTimeCache() {
        return aheadOfTimeCache.recording();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + logFile);
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready in 60 s; see " + logFile);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static String clusterId() {
        // a Kafka cluster id is 16 bytes, base64url without padding (what `kafka-storage random-uuid` prints)
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static void run(Path home, List<String> arguments, Path logFile) throws Exception {
        Process process = java(home, arguments, logFile).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Kafka storage format failed; see " + logFile);
        }
    }

    private static ProcessBuilder java(Path home, List<String> arguments, Path logFile) throws IOException {
        // the log configuration as a file: the class path holds jars only, which an ahead-of-time cache requires
        Path logConfiguration = home.resolve("log4j2.properties");
        try (InputStream configuration = LocalKafka.class.getResourceAsStream("/kafka-log4j2.properties")) {
            Files.copy(configuration, logConfiguration, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, CLASS_PATH.stream().map(Path::toString).toList()));
        command.add("-Dlog4j2.configurationFile=" + logConfiguration);
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(aheadOfTimeCache.recording() ? 90 : 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        aheadOfTimeCache.keep();
    }
}
