package dev.northstar.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local run's customer-data master key ({@code keys/customer-data-master-key} in the data folder, readable by its
 * owner only), made once: 32 random bytes in base64, as {@code NORTHSTAR_CUSTOMER_DATA_MASTER_KEY} wants them. Losing
 * it loses every customer's sealed data; {@code ./northstar reset} starts over with a new one.
 */
final class LocalMasterKey {

    static String ensure(Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        Path file = keys.resolve("customer-data-master-key");
        if (!Files.exists(file)) {
            Files.createDirectories(keys);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temporary = Files.createTempFile(keys, "customer-data-master-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file).trim();
    }

    private LocalMasterKey() {
    }
}
