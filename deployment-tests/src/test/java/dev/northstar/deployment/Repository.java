package dev.northstar.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the Northstar repository the tests read. */
final class Repository {
    private Repository() {
    }

    /** The repository root: the system property {@code northstar.root} (set by the pom), else the parent folder. */
    static Path root() {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("not the Northstar repository root (no docker-compose.yml and deploy/): " + root);
        }
        return root;
    }

    static Path chart() {
        return root().resolve("deploy/helm/northstar");
    }

    static Path composeFile() {
        return root().resolve("docker-compose.yml");
    }
}
