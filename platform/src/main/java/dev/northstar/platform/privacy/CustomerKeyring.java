package dev.northstar.platform.privacy;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where a service finds customers' data keys. */
public interface CustomerKeyring {
    /**
     * For each ref this keyring knows: the customer's data key, or empty when the customer was erased. A ref missing
     * from the answer is one this keyring has not heard of (yet).
     */
    Map<UUID, Optional<SecretKey>> keysOf(Set<UUID> refs);
}
