package dev.northstar.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The local run's customer-data master keys in {@code keys/} of the data folder, readable by their owner only: the
 * current one ({@code customer-data-master-key}, made once: 32 random bytes in base64, as
 * {@code NORTHSTAR_CUSTOMER_DATA_MASTER_KEY} wants them) and those a rotation retired
 * ({@code customer-data-previous-master-keys}, one a line, empty but for a rotation). Losing the current key loses every
 * customer's sealed data (deleting the data folder starts over with a new one).
 */
final class LocalMasterKey {
    private static final String CURRENT = "customer-data-master-key";
    private static final String PREVIOUS = "customer-data-previous-master-keys";

    static Path file(Path dataDir) {
        return dataDir.resolve("keys").resolve(CURRENT);
    }

    /** The file of previous keys, which the services read through {@code NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS_FILE}. */
    static Path previousFile(Path dataDir) {
        return dataDir.resolve("keys").resolve(PREVIOUS);
    }

    /** The current key, made first if there is none; the file of previous keys exists afterwards (compose mounts it). */
    static String ensure(Path dataDir) throws IOException {
        if (!Files.exists(file(dataDir))) {
            writeOwnerOnly(file(dataDir), newKey());
        }
        if (!Files.exists(previousFile(dataDir))) {
            writeOwnerOnly(previousFile(dataDir), "");
        }
        return Files.readString(file(dataDir)).trim();
    }

    /** Makes a new current key and keeps the old one as a previous key (first, so that a crash between loses neither). */
    static String rotate(Path dataDir) throws IOException {
        String old = ensure(dataDir);
        List<String> previous = previousKeys(dataDir);
        if (!previous.contains(old)) {
            previous.add(old);
            writeOwnerOnly(previousFile(dataDir), String.join("\n", previous) + "\n");
        }
        String made = newKey();
        writeOwnerOnly(file(dataDir), made);
        return made;
    }

    static List<String> previousKeys(Path dataDir) throws IOException {
        if (!Files.exists(previousFile(dataDir))) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Files.readAllLines(previousFile(dataDir)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    }

    /** Empties the file of previous keys (rather than deleting it: compose mounts it). */
    static void forgetPrevious(Path dataDir) throws IOException {
        writeOwnerOnly(previousFile(dataDir), "");
    }

    /** A key's id as the services name it (platform's MasterKey): the start of a hash of it. */
    static String keyId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("northstar master key id:" + Base64.getEncoder()
                    .encodeToString(Base64.getDecoder().decode(key.trim()))).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private LocalMasterKey() {
    }
}
