package dev.northstar.platform.privacy;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The customer-data master keys of a service that seals customers' data (feedback-service, integrations-service); the
 * others set none. Every key is 32 random bytes in base64 ({@code openssl rand -base64 32}).
 */
@ConfigMapping(prefix = "northstar.customer-data")
public interface CustomerDataSettings {
    /** The current master key ({@code NORTHSTAR_CUSTOMER_DATA_MASTER_KEY}): it wraps and seals everything new. */
    Optional<String> masterKey();

    /** The file holding the current master key (a mounted secret), read when {@link #masterKey()} is not set. */
    Optional<String> masterKeyFile();

    /**
     * Master keys a rotation retires ({@code NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS}, comma-separated): they only
     * open what they wrapped or sealed until it is re-wrapped under the current one, never wrap or seal anything.
     */
    Optional<List<String>> previousMasterKeys();

    /** A file of more previous master keys, one a line (blank lines and lines starting with # are skipped). */
    Optional<String> previousMasterKeysFile();
}
