package dev.northstar.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The JDK's ahead-of-time cache (JEP 483, 514 and 515, JDK 25 and later) of the Kafka broker the local run starts: the
 * classes its last run loaded, already parsed and linked, with their profiles. A JVM without a cache records what it
 * loads and writes the cache when it exits normally (a SIGTERM is normal; a SIGKILL writes nothing); the next start of
 * the same code reads it. Measured on the 2-core development machine, with four services and Kafka starting at once:
 * each service ready in 11-13 s instead of 16-21 s. (The services had one each too; they now share one archive of
 * their libraries instead, which takes less memory: see {@link SharedClassArchive}.)
 *
 * <p>A cache belongs to one JDK, one set of JVM options and one build: its name carries a fingerprint of them, so a
 * new build records a new cache instead of being refused the old one. Several JVMs recording the same cache at once
 * (a replica, a second stack) write their own files; the last to exit wins.
 */
final class AheadOfTimeCache {
    private static final boolean SUPPORTED = Runtime.version().feature() >= 25;

    private final Path cache;
    private final Path recording;

    private AheadOfTimeCache(Path cache, Path recording) {
        this.cache = cache;
        this.recording = recording;
    }

    /**
     * The cache of a JVM named {@code name}, kept in {@code directory}, for these JVM options and the class path
     * found under {@code code} (files or folders).
     */
    static AheadOfTimeCache of(Path directory, String name, List<String> jvmOptions, List<Path> code) {
        if (!SUPPORTED) {
            return new AheadOfTimeCache(null, null);
        }
        // one cache per class path (the local run's and the tests' Kafka differ), replaced when its code changes
        String prefix = name + "-" + Integer.toHexString(code.toString().hashCode()) + "-";
        Path cache = directory.resolve(prefix + fingerprint(jvmOptions, code) + ".aot");
        if (Files.isRegularFile(cache)) {
            return new AheadOfTimeCache(cache, null);
        }
        return new AheadOfTimeCache(cache, directory.resolve(prefix + "recording-" + UUID.randomUUID() + ".aot"));
    }

    /** The JVM options that read the cache, or record it when there is none yet. */
    List<String> jvmOptions() {
        if (cache == null) {
            return List.of();
        }
        return recording == null ? List.of("-XX:AOTCache=" + cache) : List.of("-XX:AOTCacheOutput=" + recording);
    }

    /** This cache if it exists; none if it would have to be recorded. */
    AheadOfTimeCache readOnly() {
        return recording == null ? this : new AheadOfTimeCache(null, null);
    }

    boolean recording() {
        return recording != null;
    }

    /** Once the JVM has exited: keeps the cache it wrote, if it wrote one, in place of older ones of the same name. */
    void keep() {
        if (recording == null || !Files.isRegularFile(recording)) {
            return;
        }
        try {
            Files.move(recording, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            String prefix = cache.getFileName().toString().replaceFirst("[0-9a-f]+\\.aot$", "");
            try (Stream<Path> files = Files.list(cache.getParent())) {
                for (Path stale : files.filter(file -> isOlderCache(file, prefix)).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            // a cache is only an optimisation: the next start records one again
        }
    }

    private boolean isOlderCache(Path file, String prefix) {
        String fileName = file.getFileName().toString();
        return fileName.startsWith(prefix) && fileName.endsWith(".aot") && !fileName.contains("-recording-")
                && !file.equals(cache);
    }

    private static String fingerprint(List<String> jvmOptions, List<Path> code) {
        StringBuilder identity = new StringBuilder(Runtime.version().toString()).append('\n');
        jvmOptions.forEach(option -> identity.append(option).append('\n'));
        for (Path root : code) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().contains(".aot")).sorted()
                        .forEach(file -> identity.append(describe(file)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Integer.toHexString(identity.toString().hashCode());
    }

    private static String describe(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return file + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
