package dev.northstar.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Northstar service ({@code target/quarkus-app}) running as a child process. */
public final class ServiceProcess implements AutoCloseable {
    /**
     * JVM settings of the local run, where four services, Kafka and PostgreSQL share a developer's few cores: the
     * C1 compiler only. C2 compiling the freshly started services took a large share of two cores for minutes (create
     * throughput 44 req/s with it, 84 without; all ready in 34 s instead of 23). The container images keep the JVM's
     * defaults, which suit a long-running service. Compact object headers (JEP 519) make every object 4 bytes
     * smaller, and the native heap is trimmed every 5 s, so that what glibc's malloc freed goes back to the system at
     * rest instead of staying in its arenas.
     */
    static final List<String> LOCAL_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders",
            "-XX:TrimNativeHeapInterval=5000");

    /**
     * A service's heap starts small, grows to at most 256 MB under load and is given back once the service is idle:
     * G1 runs a collection after 5 s without one and then shrinks the heap to at most 40% free. (The serial collector
     * never shrinks an idle heap, so each service kept what its busiest moment took: 430 MB after a rebuild. G1 kept
     * at most 30% free made the collections so frequent under load that the rebuild ran at 21,000 events/s instead of
     * 33,600; at 40% it runs at 26,000-30,000.)
     */
    static final List<String> SERVICE_HEAP = List.of("-XX:+UseG1GC", "-Xms32m", "-Xmx256m", "-XX:G1PeriodicGCInterval=5000",
            "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40");

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final SharedClassArchive classArchive;
    private final Path classRecording;

    private ServiceProcess(String name, int port, Process process, Path logFile, SharedClassArchive classArchive,
                           Path classRecording) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.classArchive = classArchive;
        this.classRecording = classRecording;
    }

    /** Starts a packaged service with the libraries' class archive (or recording the classes it loads, for one). */
    static ServiceProcess start(String name, SharedClassArchive classArchive, int port, Map<String, String> environment,
                                Path logFile) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        // the JVM's own warnings (the class archive's among them) go beside the service's log, which stays the
        // service's alone (one JSON object per line with NORTHSTAR_LOG_JSON=true)
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:file=" + logFile.resolveSibling(logFile.getFileName().toString()
                .replaceFirst("\\.log$", "") + "-jvm.log") + "::filecount=0");
        Path recording = classArchive.newRecording(name);
        command.addAll(classArchive.command(name, recording));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        // glibc gives each thread that allocates natively its own 64 MB arena; two are enough for a service
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort(port)));
        return new ServiceProcess(name, port, builder.start(), logFile, classArchive, recording);
    }

    /** The JVM options of every service of the local run (and of the class archive, which must be written with them). */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(LOCAL_JVM);
        options.addAll(SERVICE_HEAP);
        // for profiling, e.g. NORTHSTAR_SERVICE_JVM_OPTIONS="-XX:StartFlightRecording=filename=/tmp/%p.jfr"
        String extra = System.getenv("NORTHSTAR_SERVICE_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /** The port of a service's management interface (health, metrics): its API port + 1000, e.g. 9081 for 8081. */
    public static int managementPort(int apiPort) {
        return apiPort + 1000;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Health ({@code /q/health}) and metrics ({@code /q/metrics}). */
    public String managementUrl() {
        return "http://localhost:" + managementPort(port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} on the management interface answers 200. */
    public void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; see " + logFile);
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM without waiting: the service begins its graceful shutdown ({@link #close} waits for it). */
    public void requestStop() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hooks, no flushing; what was not committed is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the service (SIGTERM) and waits for it; what classes it loaded count towards the class archive. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return;
        }
        classArchive.keepRecording(name, classRecording);
    }
}
