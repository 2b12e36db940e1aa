package dev.northstar.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker for the local run: one KRaft node (broker and controller) started from the
 * Apache Kafka jars on this module's class path as a child process, its log kept across runs.
 */
public final class LocalKafka implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;

    private LocalKafka(Process process, String bootstrapServers, Path logFile) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
    }

    /** Starts the broker and waits until it answers. */
    public static LocalKafka start(Path home, int port, int controllerPort, Path logFile) throws Exception {
        LocalKafka kafka = launch(home, port, controllerPort, logFile);
        kafka.awaitReady();
        return kafka;
    }

    /** Starts the broker without waiting for it ({@link #awaitReady()} does). */
    public static LocalKafka launch(Path home, int port, int controllerPort, Path logFile) throws Exception {
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
            run(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "--config", config.toString(),
                    "--ignore-formatted"), logFile);
        }
        List<String> arguments = new ArrayList<>(ServiceProcess.LOCAL_JVM);
        arguments.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-Xms128m", "kafka.Kafka", config.toString()));
        Process broker = java(arguments, logFile).start();
        String bootstrap = "127.0.0.1:" + port;
        return new LocalKafka(broker, bootstrap, logFile);
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

    private static void run(List<String> arguments, Path logFile) throws Exception {
        Process process = java(arguments, logFile).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Kafka storage format failed; see " + logFile);
        }
    }

    private static ProcessBuilder java(List<String> arguments, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dlog4j2.configurationFile=classpath:kafka-log4j2.properties");
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
