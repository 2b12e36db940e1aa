package dev.northstar.devstack;

import dev.northstar.contracts.Roles;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The local run's own token issuer: an RSA key pair made at first start under {@code <data>/keys} (never committed,
 * the private key readable by its owner only). The services trust the public key; {@code ./northstar token} and
 * the seed, benchmark and crash check mint tokens with the private one.
 */
public final class LocalSigningKey {
    public static final String ISSUER = "northstar-local";

    private final Path publicKey;
    private final PrivateKey privateKey;

    private LocalSigningKey(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Loads the key pair of this data folder, making it first if there is none. */
    public static LocalSigningKey ensure(Path dataDir) throws IOException, GeneralSecurityException {
        Path keys = dataDir.resolve("keys");
        Path privatePem = keys.resolve("jwt-private.pem");
        Path publicPem = keys.resolve("jwt-public.pem");
        if (!Files.exists(privatePem)) {
            Files.createDirectories(keys);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path temporary = Files.createTempFile(keys, "jwt-private", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(temporary, privatePem, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return load(dataDir);
    }

    /** Loads the key pair of a data folder made by {@code ./northstar up}. */
    public static LocalSigningKey load(Path dataDir) throws IOException, GeneralSecurityException {
        Path keys = dataDir.resolve("keys");
        Path privatePem = keys.resolve("jwt-private.pem");
        if (!Files.exists(privatePem)) {
            throw new IllegalStateException("no signing key in " + keys + ": start the local run once with ./northstar up");
        }
        String base64 = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return new LocalSigningKey(keys.resolve("jwt-public.pem"), privateKey);
    }

    public Path publicKey() {
        return publicKey;
    }

    public String mint(String subject, Collection<String> roles, Collection<String> products, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(java.util.Set.copyOf(roles))
                .claim("products", List.copyOf(products))
                .expiresIn(lifetime.toSeconds())
                .sign(privateKey);
    }

    /** Every role for every product: what the seed, the benchmark and the crash check act with. */
    public String everything(String subject) {
        return mint(subject, Roles.ALL, List.of(Roles.EVERY_PRODUCT),
                Duration.ofHours(8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
