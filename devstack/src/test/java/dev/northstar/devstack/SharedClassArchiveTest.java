package dev.northstar.devstack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged services in the layout of Quarkus's aot-jar, run as real JVMs: the libraries they share go first on
 * their classpath and into one archive that both map, and each still runs its own rewrites of library classes.
 */
class SharedClassArchiveTest {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path directory;

    private Map<String, Path> services;

    @BeforeEach
    void package_two_services() throws Exception {
        Path classes = compile("library", Map.of(
                "shared/Greeting.java", "package shared; public class Greeting { public static String text() { return \"hello\"; } }",
                "rewritten/Same.java", "package rewritten; public class Same { public static String text() { return \"library\"; } }",
                "rewritten/Different.java", "package rewritten; public class Different { public static String text() { return \"library\"; } }",
                "own/Code.java", "package own; public class Code { public static String text() { return \"own\"; } }",
                "platform/Kit.java", "package platform; public class Kit { }",
                "launcher/Main.java", """
                        package launcher;
                        public class Main {
                            public static void main(String[] arguments) {
                                System.out.println(shared.Greeting.text() + " " + rewritten.Same.text() + " "
                                        + rewritten.Different.text() + " " + own.Code.text());
                            }
                        }"""));
        Path sameRewrite = compile("same-rewrite", Map.of("rewritten/Same.java",
                "package rewritten; public class Same { public static String text() { return \"rewritten\"; } }"));
        services = new LinkedHashMap<>();
        for (String service : List.of("first", "second")) {
            Path differentRewrite = compile(service + "-rewrite", Map.of("rewritten/Different.java",
                    "package rewritten; public class Different { public static String text() { return \"" + service + "\"; } }"));
            Path application = directory.resolve(service + "/target/quarkus-app");
            jar(application.resolve("quarkus/transformed-bytecode.jar"), Map.of(
                    "rewritten/Same.class", sameRewrite, "rewritten/Different.class", differentRewrite));
            jar(application.resolve("app/" + service + ".jar"), Map.of("own/Code.class", classes));
            jar(application.resolve("lib/main/org.example.shared-1.0.jar"), Map.of("shared/Greeting.class", classes));
            jar(application.resolve("lib/main/org.example.same-1.0.jar"), Map.of("rewritten/Same.class", classes));
            jar(application.resolve("lib/main/org.example.different-1.0.jar"), Map.of("rewritten/Different.class", classes));
            jar(application.resolve("lib/main/dev.northstar.platform-0.1.0-SNAPSHOT.jar"), Map.of("platform/Kit.class", classes));
            jar(application.resolve("lib/boot/org.example.launcher-1.0.jar"), Map.of("launcher/Main.class", classes));
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "launcher.Main");
            manifest.getMainAttributes().putValue("Add-Opens", "java.base/java.lang");
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", "quarkus/transformed-bytecode.jar",
                    "app/" + service + ".jar", "lib/main/org.example.shared-1.0.jar", "lib/main/org.example.same-1.0.jar",
                    "lib/main/org.example.different-1.0.jar", "lib/main/dev.northstar.platform-0.1.0-SNAPSHOT.jar",
                    "lib/boot/org.example.launcher-1.0.jar"));
            try (OutputStream out = Files.newOutputStream(application.resolve("quarkus-run.jar"))) {
                new JarOutputStream(out, manifest).close();
            }
            services.put(service, application);
        }
    }

    @Test
    void the_shared_libraries_come_first_and_each_service_still_runs_its_own_rewrites() throws Exception {
        SharedClassArchive archive = SharedClassArchive.of(directory.resolve("cache"), services, JVM_OPTIONS);

        List<String> command = archive.command("first", null);
        List<String> classPath = List.of(command.get(command.indexOf("-cp") + 1).split(":"));
        assertThat(classPath.stream().map(entry -> Path.of(entry).getFileName().toString()).toList()).containsExactly(
                "0-shared-rewrites.jar", "org.example.shared-1.0.jar", "org.example.same-1.0.jar",
                "transformed-bytecode.jar", "first.jar", "org.example.different-1.0.jar",
                "dev.northstar.platform-0.1.0-SNAPSHOT.jar", "org.example.launcher-1.0.jar");
        assertThat(classPath.getFirst()).startsWith(directory.resolve("cache").toString());
        assertThat(classPath.get(3)).startsWith(services.get("first").toString());
        assertThat(command).containsSequence("--add-opens", "java.base/java.lang=ALL-UNNAMED");
        assertThat(command.getLast()).isEqualTo("launcher.Main");

        assertThat(run(archive, "first", null, List.of())).isEqualTo("hello rewritten first own");
        assertThat(run(archive, "second", null, List.of())).isEqualTo("hello rewritten second own");
    }

    @Test
    void runs_record_what_they_load_and_once_every_service_has_the_archive_maps_it() throws Exception {
        SharedClassArchive archive = SharedClassArchive.of(directory.resolve("cache"), services, JVM_OPTIONS);
        assertThat(archive.ready()).isFalse();

        Path first = archive.newRecording("first");
        assertThat(run(archive, "first", first, List.of())).isEqualTo("hello rewritten first own");
        archive.keepRecording("first", first);
        assertThat(archive.canWrite()).as("the second service has not run yet").isFalse();
        Path second = archive.newRecording("second");
        assertThat(run(archive, "second", second, List.of())).isEqualTo("hello rewritten second own");
        archive.keepRecording("second", second);
        assertThat(archive.canWrite()).isTrue();

        archive.write();

        assertThat(archive.ready()).isTrue();
        assertThat(archive.newRecording("first")).as("nothing more to record").isNull();
        SharedClassArchive nextStart = SharedClassArchive.of(directory.resolve("cache"), services, JVM_OPTIONS);
        assertThat(nextStart.ready()).isTrue();
        for (String service : services.keySet()) {
            List<String> loaded = runLines(nextStart, service, List.of("-Xlog:class+load=info"));
            assertThat(loaded).contains("hello rewritten " + service + " own");
            assertThat(loaded).anyMatch(line -> line.contains("shared.Greeting source: shared objects file"));
            assertThat(loaded).anyMatch(line -> line.contains("rewritten.Same source: shared objects file"));
            assertThat(loaded).as("a rewrite of one service only is never shared")
                    .anyMatch(line -> line.contains("rewritten.Different source: file:"));
        }
        assertThat(SharedClassArchive.of(directory.resolve("cache"), services, List.of("-Xmx96m")).ready())
                .as("other JVM options need an archive of their own").isFalse();
    }

    @Test
    void an_archive_the_jdk_refuses_to_write_leaves_the_services_without_one_and_is_not_tried_at_every_stop() throws Exception {
        SharedClassArchive archive = SharedClassArchive.of(directory.resolve("cache"), services, List.of("-XX:+NoSuchOption"));
        for (String service : services.keySet()) {
            Path recording = archive.newRecording(service);
            assertThat(run(archive, service, recording, List.of())).isEqualTo("hello rewritten " + service + " own");
            archive.keepRecording(service, recording);
        }
        assertThat(archive.canWrite()).isTrue();

        archive.write();

        assertThat(archive.ready()).isFalse();
        assertThat(archive.canWrite()).isFalse();
        assertThat(run(archive, "first", null, List.of())).as("still runs, without an archive").isEqualTo("hello rewritten first own");
    }

    private String run(SharedClassArchive archive, String service, Path recording, List<String> options) throws Exception {
        List<String> lines = runLines(archive, service, recording, options);
        return lines.getLast();
    }

    private List<String> runLines(SharedClassArchive archive, String service, List<String> options) throws Exception {
        return runLines(archive, service, null, options);
    }

    private List<String> runLines(SharedClassArchive archive, String service, Path recording, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(options);
        command.addAll(archive.command(service, recording));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(output).isZero();
        return output.lines().toList();
    }

    private Path compile(String name, Map<String, String> sources) throws IOException {
        Path sourceDirectory = directory.resolve("sources/" + name);
        Path classes = directory.resolve("classes/" + name);
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDirectory.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).isZero();
        return classes;
    }

    /** A jar of these class files, each taken from the folder of compiled classes given beside it. */
    private static void jar(Path jar, Map<String, Path> classes) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, Path> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(Files.readAllBytes(entry.getValue().resolve(entry.getKey())));
                out.closeEntry();
            }
        }
    }
}
