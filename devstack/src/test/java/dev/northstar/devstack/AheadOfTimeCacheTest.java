package dev.northstar.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real JVMs record a cache on their first start, read it on the next, and record again once the code changes. */
@EnabledForJreRange(min = JRE.JAVA_25)
class AheadOfTimeCacheTest {
    @TempDir
    Path directory;

    @Test
    void the_first_start_records_the_cache_that_later_starts_read_until_the_code_changes() throws Exception {
        Path code = Files.writeString(directory.resolve("code.jar"), "version 1");
        List<Path> classPath = List.of(code);

        AheadOfTimeCache first = AheadOfTimeCache.of(directory, "probe", List.of("-Xmx64m"), classPath);
        assertThat(first.recording()).isTrue();
        assertThat(runJava(first)).isZero();
        first.keep();
        assertThat(caches()).hasSize(1);

        AheadOfTimeCache second = AheadOfTimeCache.of(directory, "probe", List.of("-Xmx64m"), classPath);
        assertThat(second.recording()).isFalse();
        assertThat(second.jvmOptions()).containsExactly("-XX:AOTCache=" + caches().getFirst());
        assertThat(runJava(second)).isZero();
        Path firstBuild = caches().getFirst();

        assertThat(AheadOfTimeCache.of(directory, "probe", List.of("-Xmx128m"), classPath).recording())
                .as("other JVM options").isTrue();

        Files.setLastModifiedTime(code, FileTime.from(Instant.now().plusSeconds(60)));
        AheadOfTimeCache rebuilt = AheadOfTimeCache.of(directory, "probe", List.of("-Xmx64m"), classPath);
        assertThat(rebuilt.recording()).as("a new build").isTrue();
        assertThat(runJava(rebuilt)).isZero();
        rebuilt.keep();
        assertThat(caches()).as("the new build's cache replaces the old one").hasSize(1).doesNotContain(firstBuild);
        assertThat(AheadOfTimeCache.of(directory, "probe", List.of("-Xmx64m"), classPath).recording()).isFalse();
    }

    @Test
    void a_jvm_that_was_killed_leaves_no_cache_and_the_next_start_records_again() throws Exception {
        AheadOfTimeCache cache = AheadOfTimeCache.of(directory, "probe", List.of(), List.of());
        Path program = Files.writeString(directory.resolve("Sleep.java"),
                "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
        Process sleeping = new ProcessBuilder(command(cache, program.toString())).start();
        sleeping.destroyForcibly().waitFor();
        cache.keep();

        assertThat(caches()).isEmpty();
        assertThat(AheadOfTimeCache.of(directory, "probe", List.of(), List.of()).recording()).isTrue();
    }

    private int runJava(AheadOfTimeCache cache) throws Exception {
        return new ProcessBuilder(command(cache, "-version")).redirectErrorStream(true)
                .redirectOutput(directory.resolve("java.log").toFile()).start().waitFor();
    }

    private static List<String> command(AheadOfTimeCache cache, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(cache.jvmOptions());
        command.addAll(List.of(arguments));
        return command;
    }

    private List<Path> caches() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".aot")).toList();
        }
    }
}
