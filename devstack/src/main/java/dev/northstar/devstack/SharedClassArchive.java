package dev.northstar.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One class-data archive (the JDK's CDS) of the libraries that every service of the local run loads, mapped by all of
 * them at the same address: its read-only half is the same pages of memory in each service instead of a copy per
 * service. Measured on the development machine: a service's own ahead-of-time cache was 108 MB of memory in each of
 * five services; with this archive each maps the same 50 MB read-only half and keeps 34 MB of its own.
 *
 * <p>The services are packaged as Quarkus {@code aot-jar}s whose libraries are the same files in each of them. The
 * archive holds the classes of those libraries that the services loaded in a recorded run; the JDK uses an archived
 * class only when the classpath it was archived from comes first at run time, so each service runs with the shared
 * libraries first and its own code after them. A library class that Quarkus rewrote for a service (its transformed
 * bytecode) goes first as well when every service has the same rewrite; a library that another service rewrites
 * differently, Northstar's own jars (rebuilt all the time) and the launcher (which finds its application beside
 * itself) stay with each service. The archive thus depends on the libraries only: rebuilding Northstar's code keeps it.
 *
 * <p>Lifecycle: a run without an archive records the classes each service loads ({@code -XX:DumpLoadedClassList},
 * cheap); once every service has a recorded list, the stack's stop merges them and writes the archive (about 10 s),
 * and the next start maps it.
 */
final class SharedClassArchive {
    private static final String OVERRIDES_JAR = "0-shared-rewrites.jar";
    private static final String ARCHIVE = "libraries.jsa";
    private static final String DUMP_FAILED = "dump-failed";

    /** A packaged service: its folder ({@code target/quarkus-app}) and what its launcher's manifest says. */
    private record Application(String name, Path directory, List<String> classPath, String mainClass, List<String> addOpens) {
    }

    private final Path directory;
    private final List<Path> sharedJars;
    private final Map<String, Application> applications;
    private final List<String> jvmOptions;

    private SharedClassArchive(Path directory, List<Path> sharedJars, Map<String, Application> applications, List<String> jvmOptions) {
        this.directory = directory;
        this.sharedJars = sharedJars;
        this.applications = applications;
        this.jvmOptions = jvmOptions;
    }

    /**
     * The archive of these packaged services (name to {@code quarkus-app} folder) for these JVM options, kept under
     * {@code cacheRoot}: finds the libraries they share and copies them there once.
     */
    static SharedClassArchive of(Path cacheRoot, Map<String, Path> packagedServices, List<String> jvmOptions) throws IOException {
        Map<String, Application> applications = new LinkedHashMap<>();
        for (Map.Entry<String, Path> service : packagedServices.entrySet()) {
            applications.put(service.getKey(), read(service.getKey(), service.getValue()));
        }
        Application first = applications.values().iterator().next();
        List<String> shared = sharedLibraries(applications.values());
        Map<String, ZipEntrySource> rewrites = sharedRewrites(applications.values(), shared);

        StringBuilder identity = new StringBuilder(Runtime.version().toString()).append('\n');
        jvmOptions.forEach(option -> identity.append(option).append('\n'));
        first.addOpens().forEach(open -> identity.append(open).append('\n'));
        for (String library : shared) {
            identity.append(library).append(' ').append(Files.size(first.directory().resolve(library))).append('\n');
        }
        rewrites.forEach((name, source) -> identity.append(name).append(' ').append(source.crc()).append('\n'));
        Path directory = cacheRoot.resolve(Integer.toHexString(identity.toString().hashCode()));

        Path libraries = directory.resolve("lib");
        if (!Files.isDirectory(libraries)) {
            copy(first, shared, rewrites, directory);
        }
        List<Path> sharedJars = new ArrayList<>();
        if (!rewrites.isEmpty()) {
            sharedJars.add(libraries.resolve(OVERRIDES_JAR));
        }
        shared.forEach(library -> sharedJars.add(libraries.resolve(Path.of(library).getFileName().toString())));
        return new SharedClassArchive(directory, List.copyOf(sharedJars), applications, List.copyOf(jvmOptions));
    }

    /** Whether the archive was written and the next start of the services maps it. */
    boolean ready() {
        return Files.isRegularFile(directory.resolve(ARCHIVE));
    }

    /**
     * The JVM options, classpath and main class that start this service: with the archive if there is one, or
     * recording the classes it loads into {@code recording} (to be {@link #keepRecording kept} once it stopped).
     */
    List<String> command(String service, Path recording) {
        Application application = applications.get(service);
        List<String> command = new ArrayList<>(addOpensOptions(application));
        if (ready()) {
            // the archive's address is the same in every service, so that its pages are the same; relocated (the
            // JDK's default) each process would rewrite, and so copy, all of them
            command.addAll(List.of("-XX:SharedArchiveFile=" + directory.resolve(ARCHIVE), "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:ArchiveRelocationMode=0"));
        } else if (recording != null) {
            command.add("-XX:DumpLoadedClassList=" + recording);
        }
        command.add("-cp");
        command.add(classPath(application));
        command.add(application.mainClass());
        return command;
    }

    /** Where a run of this service without an archive records the classes it loads (a new file per run). */
    Path newRecording(String service) {
        return ready() ? null : directory.resolve(service + "-" + UUID.randomUUID() + ".recording");
    }

    /** After a service stopped on its own (not killed): its recorded classes count towards the archive. */
    void keepRecording(String service, Path recording) {
        if (recording == null || !Files.isRegularFile(recording)) {
            return;
        }
        try {
            Files.move(recording, directory.resolve(service + ".classlist"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the next run records again
        }
    }

    /**
     * Whether every service has a recorded list and the archive is still to be written (and the JDK did not refuse to
     * write it before: then the services run without one, as they would on a JDK that cannot, and stops stay quick).
     */
    boolean canWrite() {
        return !ready() && !Files.exists(directory.resolve(DUMP_FAILED))
                && applications.keySet().stream().allMatch(name -> Files.isRegularFile(directory.resolve(name + ".classlist")));
    }

    /**
     * Writes the archive from every service's recorded classes ({@code java -Xshare:dump}); a failure leaves none
     * (the services then run without one) and says so beside the JDK's output in {@code dump.log}.
     */
    void write() throws IOException, InterruptedException {
        Path classList = directory.resolve("merged.classlist");
        Files.write(classList, mergedClassList());
        Path written = directory.resolve(ARCHIVE + "-" + UUID.randomUUID());
        List<String> dump = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        dump.addAll(jvmOptions);
        dump.addAll(addOpensOptions(applications.values().iterator().next()));
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + written,
                "-cp", String.join(":", sharedJars.stream().map(Path::toString).toList())));
        Process dumping = new ProcessBuilder(dump).redirectErrorStream(true)
                .redirectOutput(directory.resolve("dump.log").toFile()).start();
        if (!dumping.waitFor(3, TimeUnit.MINUTES)) {
            dumping.destroyForcibly().waitFor();
        }
        if (dumping.exitValue() == 0 && Files.isRegularFile(written)) {
            Files.move(written, directory.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteOlderArchives();
        } else {
            Files.deleteIfExists(written);
            Files.writeString(directory.resolve(DUMP_FAILED), "java -Xshare:dump exited with " + dumping.exitValue() + ": see dump.log\n");
        }
    }

    /**
     * The union of the recorded lists. Kept: the classes (each once, numbered anew) and the JDK's own lambda forms
     * and lambdas. Left out: the libraries' lambdas, which the JDK 25 archive restored wrongly (a lambda of Hibernate
     * Validator failed with "no such constructor" on every start), and the constant-pool hints, which only the
     * ahead-of-time linking this archive does not do would use.
     */
    private List<String> mergedClassList() throws IOException {
        Set<String> classes = new LinkedHashSet<>();
        Set<String> directives = new LinkedHashSet<>();
        for (String service : applications.keySet()) {
            for (String line : Files.readAllLines(directory.resolve(service + ".classlist"))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("@lambda-form-invoker ") || (line.startsWith("@lambda-proxy ") && isJdkClass(line.split(" ")[1]))) {
                    directives.add(line);
                } else if (!line.startsWith("@")) {
                    classes.add(line.split(" ")[0]);
                }
            }
        }
        List<String> merged = new ArrayList<>();
        int id = 0;
        for (String name : classes) {
            merged.add(name + " id: " + id++);
        }
        merged.addAll(directives);
        return merged;
    }

    /** The archives of other libraries or JVM options: a new one replaces them, as a new build replaces its jars. */
    private void deleteOlderArchives() throws IOException {
        try (Stream<Path> siblings = Files.list(directory.getParent())) {
            for (Path older : siblings.filter(sibling -> !sibling.equals(directory) && Files.isDirectory(sibling)).toList()) {
                deleteTree(older);
            }
        }
    }

    private static boolean isJdkClass(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/");
    }

    private String classPath(Application application) {
        Set<String> sharedNames = new HashSet<>();
        sharedJars.forEach(jar -> sharedNames.add(jar.getFileName().toString()));
        List<String> entries = new ArrayList<>(sharedJars.stream().map(Path::toString).toList());
        for (String entry : application.classPath()) {
            if (!entry.startsWith("lib/") || !sharedNames.contains(Path.of(entry).getFileName().toString())) {
                entries.add(application.directory().resolve(entry).toString());
            }
        }
        return String.join(":", entries);
    }

    private static List<String> addOpensOptions(Application application) {
        List<String> options = new ArrayList<>();
        for (String open : application.addOpens()) {
            options.add("--add-opens");
            options.add(open + "=ALL-UNNAMED");
        }
        return options;
    }

    private static Application read(String name, Path directory) throws IOException {
        Path launcher = directory.resolve("quarkus-run.jar");
        if (!Files.exists(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build first (./northstar up builds it)");
        }
        try (JarFile jar = new JarFile(launcher.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            String addOpens = manifest.getValue("Add-Opens");
            return new Application(name, directory, List.of(manifest.getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+")),
                    manifest.getValue(Attributes.Name.MAIN_CLASS),
                    addOpens == null ? List.of() : List.of(addOpens.trim().split("\\s+")));
        }
    }

    /**
     * The libraries ({@code lib/...}) that every service has, the same file (name and size), in the first service's
     * order; less Northstar's own, the launcher's, any whose classes another library also has (the order would
     * decide between them), and any of which a service has a rewritten class that not all services share.
     */
    private static List<String> sharedLibraries(Iterable<Application> applications) throws IOException {
        Application first = applications.iterator().next();
        List<String> candidates = new ArrayList<>();
        for (String entry : first.classPath()) {
            if (entry.startsWith("lib/") && !Path.of(entry).getFileName().toString().startsWith("dev.northstar.")
                    && sameFileInEvery(applications, first, entry)) {
                candidates.add(entry);
            }
        }
        Map<String, String> libraryOfClass = new HashMap<>();
        Set<String> excluded = new HashSet<>();
        for (String library : first.classPath().stream().filter(entry -> entry.startsWith("lib/")).toList()) {
            for (String className : classNames(first.directory().resolve(library))) {
                if (className.replace('/', '.').equals(first.mainClass() + ".class")) {
                    excluded.add(library);
                }
                String earlier = libraryOfClass.putIfAbsent(className, library);
                if (earlier != null) {
                    excluded.add(earlier);
                    excluded.add(library);
                }
            }
        }
        Map<String, Map<String, Long>> ownClasses = new HashMap<>();
        for (Application application : applications) {
            ownClasses.put(application.name(), ownClassCrcs(application));
        }
        for (Map<String, Long> own : ownClasses.values()) {
            for (String className : own.keySet()) {
                String library = libraryOfClass.get(className);
                if (library != null && !sameInEvery(ownClasses.values(), className, own.get(className))) {
                    excluded.add(library);
                }
            }
        }
        return candidates.stream().filter(library -> !excluded.contains(library)).toList();
    }

    /** The library classes that every service's own jars rewrote the same way, with where to copy them from. */
    private static Map<String, ZipEntrySource> sharedRewrites(Iterable<Application> applications, List<String> shared) throws IOException {
        Application first = applications.iterator().next();
        Set<String> sharedClasses = new HashSet<>();
        for (String library : shared) {
            sharedClasses.addAll(classNames(first.directory().resolve(library)));
        }
        Map<String, ZipEntrySource> rewrites = new TreeMap<>();
        for (String entry : first.classPath()) {
            if (entry.startsWith("lib/")) {
                continue;
            }
            Path jar = first.directory().resolve(entry);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().filter(e -> sharedClasses.contains(e.getName()))
                        .forEach(e -> rewrites.putIfAbsent(e.getName(), new ZipEntrySource(jar, e.getName(), e.getCrc())));
            }
        }
        return rewrites;
    }

    private record ZipEntrySource(Path jar, String name, long crc) {
    }

    private static void copy(Application first, List<String> shared, Map<String, ZipEntrySource> rewrites, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path staging = Files.createTempDirectory(directory, "lib-");
        for (String library : shared) {
            Files.copy(first.directory().resolve(library), staging.resolve(Path.of(library).getFileName().toString()));
        }
        if (!rewrites.isEmpty()) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(staging.resolve(OVERRIDES_JAR)))) {
                for (ZipEntrySource rewrite : rewrites.values()) {
                    try (ZipFile zip = new ZipFile(rewrite.jar().toFile()); InputStream in = zip.getInputStream(zip.getEntry(rewrite.name()))) {
                        out.putNextEntry(new ZipEntry(rewrite.name()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
        try {
            Files.move(staging, directory.resolve("lib"), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherStackWasFaster) {
            deleteTree(staging);
        }
    }

    private static boolean sameFileInEvery(Iterable<Application> applications, Application first, String entry) throws IOException {
        long size = Files.size(first.directory().resolve(entry));
        for (Application application : applications) {
            Path file = application.directory().resolve(entry);
            if (!application.classPath().contains(entry) || !Files.isRegularFile(file) || Files.size(file) != size) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInEvery(Iterable<Map<String, Long>> ownClasses, String className, long crc) {
        for (Map<String, Long> own : ownClasses) {
            Long other = own.get(className);
            if (other == null || other != crc) {
                return false;
            }
        }
        return true;
    }

    /** The classes of a service's own jars (its code, Quarkus's generated and rewritten classes), with their CRCs. */
    private static Map<String, Long> ownClassCrcs(Application application) throws IOException {
        Map<String, Long> classes = new HashMap<>();
        for (String entry : application.classPath()) {
            if (entry.startsWith("lib/")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(application.directory().resolve(entry).toFile())) {
                zip.stream().filter(e -> isClass(e.getName())).forEach(e -> classes.putIfAbsent(e.getName(), e.getCrc()));
            }
        }
        return classes;
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(SharedClassArchive::isClass).toList();
        }
    }

    /** A class file, not a module descriptor nor a class for another Java release (which the JDK picks itself). */
    private static boolean isClass(String entryName) {
        return entryName.endsWith(".class") && !entryName.startsWith("META-INF/") && !entryName.endsWith("module-info.class");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
