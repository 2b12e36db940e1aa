package dev.northstar.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's customer-data master keys ({@link CustomerDataSettings}, 32 bytes in base64 each). The current one
 * wraps the per-customer data keys wherever they are kept or sent and seals the services' own secrets; previous ones,
 * which a rotation retires, only open what they wrapped or sealed until {@link MasterKeyRotation} has re-wrapped it.
 * Whatever a master key wraps or seals names it: {@code mk1:<key id>:<base64url>} (AES-256-GCM, JCA). Destroying a
 * customer's wrapped key is what erases the customer; a master key is destroyed only once nothing is under it any more,
 * so it must never wrap or index anything that erasure has to remove.
 */
@ApplicationScoped
public class MasterKey {
    /** What a value wrapped or sealed under a master key starts with: the scheme, then the key's id. */
    public static final String PREFIX = "mk1:";
    private static final String PREVIOUS = "northstar.customer-data.previous-master-keys";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(String id, SecretKey secret) {
    }

    private record Keyring(Key current, List<Key> previous) {
        List<Key> all() {
            return Stream.concat(Stream.of(current), previous.stream()).toList();
        }

        Optional<Key> byId(String id) {
            return all().stream().filter(key -> key.id().equals(id)).findFirst();
        }
    }

    private record Opened(Key key, byte[] plaintext) {
    }

    private final Supplier<Keyring> source;
    private volatile Keyring keyring;

    /** A current key and no previous one; empty when none is configured. */
    public MasterKey(Optional<String> configured) {
        this(() -> keyring(configured.orElseThrow(MasterKey::notSet), List.of()));
    }

    /** The keys as configured: the current one, or (when it is not set) the file that holds it, such as a mounted secret. */
    @Inject
    public MasterKey(CustomerDataSettings settings) {
        this(() -> keyring(settings.masterKey().or(() -> settings.masterKeyFile().map(MasterKey::read)).orElseThrow(MasterKey::notSet),
                previous(settings)));
    }

    private MasterKey(Supplier<Keyring> source) {
        this.source = source;
    }

    /** A keyring of these keys in base64, the first one current (for tests and tools). */
    public static MasterKey of(String current, String... previous) {
        return new MasterKey(() -> keyring(current, List.of(previous)));
    }

    /** Fails with what to set when a key is missing or not 32 bytes of base64; services that seal call it at start. */
    public void requireConfigured() {
        keyring();
    }

    /** The current master key's id: the start of a hash of it, which tells keys apart without revealing them. */
    public String keyId() {
        return keyring().current().id();
    }

    /** The ids of the previous master keys configured, which only open. */
    public List<String> previousKeyIds() {
        return keyring().previous().stream().map(Key::id).toList();
    }

    /** The id of the master key a wrapped or sealed value names; empty for a data key wrapped before values named it. */
    public static Optional<String> keyIdOf(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.indexOf(':', PREFIX.length()) < 0) {
            return Optional.empty();
        }
        return Optional.of(value.substring(PREFIX.length(), value.indexOf(':', PREFIX.length())));
    }

    /** What every value under the master key {@code keyId} starts with (for a query's LIKE: key ids are hex). */
    public static String prefixOf(String keyId) {
        return PREFIX + keyId + ":";
    }

    /** Whether a stored value is wrapped or sealed under the current master key (and needs no re-wrapping). */
    public boolean isCurrent(String value) {
        return value != null && value.startsWith(prefixOf(keyId()));
    }

    public SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES-256 key generator", e);
        }
    }

    /** A data key encrypted under the current master key, bound to its customer ref: {@code mk1:<key id>:<base64url>}. */
    public String wrap(UUID ref, SecretKey dataKey) {
        return encrypted(associatedData(ref), dataKey.getEncoded(), "the data key of customer ref " + ref);
    }

    /**
     * The data key {@link #wrap} wrapped, under whichever configured master key it names; one wrapped before values named
     * their key (plain base64url) opens with the key that authenticates it.
     */
    public SecretKey unwrap(UUID ref, String wrapped) {
        return new SecretKeySpec(opened(wrapped, associatedData(ref), "the data key of customer ref " + ref, true).plaintext(), "AES");
    }

    /** The same data key wrapped under the current master key. */
    public String rewrap(UUID ref, String wrapped) {
        return wrap(ref, unwrap(ref, wrapped));
    }

    /** The id of the master key that opens a wrapped data key (of one wrapped before values named their key, too). */
    public String keyIdThatUnwraps(UUID ref, String wrapped) {
        return opened(wrapped, associatedData(ref), "the data key of customer ref " + ref, true).key().id();
    }

    /**
     * A secret of the service's own (a webhook's signing secret, say) sealed under the current master key for one
     * {@code purpose} (the purpose as associated data, so a sealed value cannot be moved to another use).
     */
    public String seal(String purpose, String secret) {
        return encrypted(purpose.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8), "a secret");
    }

    /** Whether a stored value was sealed or wrapped under a master key with its id (secrets stored before are in clear). */
    public static boolean isSealed(String value) {
        return keyIdOf(value).isPresent();
    }

    /** The secret {@link #seal} sealed for {@code purpose}, under whichever configured master key it names. */
    public String open(String purpose, String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        return new String(opened(sealed, purpose.getBytes(StandardCharsets.UTF_8), "a sealed secret", false).plaintext(),
                StandardCharsets.UTF_8);
    }

    /** The same secret sealed under the current master key. */
    public String reseal(String purpose, String sealed) {
        return seal(purpose, open(purpose, sealed));
    }

    /**
     * The key of the blind indexes of one {@code purpose} as the master key {@code keyId} derives it (HMAC-SHA256 of the
     * purpose): a one-way derivative, so keeping it reveals no master key, and kept (sealed) it outlives a rotation.
     */
    public BlindIndexKey blindIndexKey(String purpose, String keyId) {
        Keyring ring = keyring();
        Key key = ring.byId(keyId).orElseThrow(() -> missing("the blind index key of " + purpose, keyId, ring));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.secret());
            return new BlindIndexKey(mac.doFinal(("northstar blind index: " + purpose).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private String encrypted(byte[] associatedData, byte[] plaintext, String what) {
        Key key = keyring().current();
        try {
            return prefixOf(key.id()) + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(AesGcm.encrypt(key.secret(), associatedData, plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(what + " could not be wrapped", e);
        }
    }

    /** Opens a value under the key it names, or (one from before key ids, if allowed) under the first key that authenticates it. */
    private Opened opened(String value, byte[] associatedData, String what, boolean withoutKeyId) {
        Keyring ring = keyring();
        Optional<String> id = keyIdOf(value);
        if (id.isEmpty() && !withoutKeyId) {
            throw new IllegalArgumentException(what + " names no master key");
        }
        List<Key> candidates = id.isPresent() ? List.of(ring.byId(id.get()).orElseThrow(() -> missing(what, id.get(), ring)))
                : ring.all();
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(id.isPresent() ? value.substring(prefixOf(id.get()).length()) : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not base64url", e);
        }
        GeneralSecurityException failure = null;
        for (Key key : candidates) {
            try {
                return new Opened(key, AesGcm.decrypt(key.secret(), associatedData, body));
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw new IllegalStateException(what + " could not be opened " + (id.isPresent()
                ? "with master key " + id.get() + " (another customer ref or purpose?)"
                : "with the current master key or a previous one (was it wrapped under a master key not configured?)"), failure);
    }

    private static IllegalStateException missing(String what, String keyId, Keyring ring) {
        return new IllegalStateException(what + " is under master key " + keyId + ", which is neither the current one ("
                + ring.current().id() + ") nor a previous one configured " + ring.previous().stream().map(Key::id).toList()
                + ": add it to " + PREVIOUS + " (NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS) until what it wrapped is re-wrapped");
    }

    private static byte[] associatedData(UUID ref) {
        return ("customer data key " + ref).getBytes(StandardCharsets.US_ASCII);
    }

    private Keyring keyring() {
        Keyring current = keyring;
        if (current == null) {
            current = source.get();
            keyring = current;
        }
        return current;
    }

    private static Keyring keyring(String current, List<String> previous) {
        Key key = key(current, "northstar.customer-data.master-key");
        List<Key> retired = new ArrayList<>();
        for (String value : previous) {
            Key old = key(value, PREVIOUS);
            // the current key listed as a previous one too (half-way through a rotation) opens as the current one
            if (!old.id().equals(key.id()) && retired.stream().noneMatch(k -> k.id().equals(old.id()))) {
                retired.add(old);
            }
        }
        return new Keyring(key, List.copyOf(retired));
    }

    private static Key key(String value, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + ": a master key must be 32 bytes, this one is " + bytes.length);
        }
        return new Key(idOf(bytes), new SecretKeySpec(bytes, "AES"));
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("northstar master key id:" + Base64.getEncoder()
                    .encodeToString(key)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static List<String> previous(CustomerDataSettings settings) {
        List<String> keys = new ArrayList<>(settings.previousMasterKeys().orElse(List.of()));
        settings.previousMasterKeysFile().map(MasterKey::read).ifPresent(file -> file.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(keys::add));
        return keys;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("the customer-data master key file " + file + " cannot be read", e);
        }
    }

    private static IllegalStateException notSet() {
        return new IllegalStateException("northstar.customer-data.master-key (NORTHSTAR_CUSTOMER_DATA_MASTER_KEY, or a file named by "
                + "NORTHSTAR_CUSTOMER_DATA_MASTER_KEY_FILE) is not set: 32 random bytes in base64, e.g. from `openssl rand -base64 32`");
    }
}
