package dev.northstar.platform.testing;

import dev.northstar.contracts.Roles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens for tests: a key pair made for this test JVM (never committed), the application configured to
 * trust its public key, and tokens minted with any roles and products. The private key lives in a system
 * property because Quarkus loads test resources and test classes through different class loaders.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "northstar-test";
    public static final String ALL_PRODUCTS = Roles.EVERY_PRODUCT;
    private static final String PRIVATE_KEY_PROPERTY = "northstar.test.jwt.private-key";
    private static final String PUBLIC_KEY_FILE_PROPERTY = "northstar.test.jwt.public-key-file";

    @Override
    public java.util.Map<String, String> start() {
        ensureKeys();
        return java.util.Map.of(
                "mp.jwt.verify.publickey.location", System.getProperty(PUBLIC_KEY_FILE_PROPERTY),
                "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }

    /** A token with every role for every product, for tests about something other than access. */
    public static String everything(String subject) {
        return token(subject, Roles.ALL, ALL_PRODUCTS);
    }

    public static String token(String subject, Set<String> roles, String... products) {
        return token(java.time.Duration.ofHours(1), subject, roles, products);
    }

    public static String token(java.time.Duration lifetime, String subject, Set<String> roles, String... products) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                .claim("products", List.of(products)).expiresIn(lifetime.toSeconds())
                .sign(privateKey());
    }

    /** A request that acts as {@code <role>@example.com} with that one role, for these products. */
    public static io.restassured.specification.RequestSpecification actingAs(String role, String... products) {
        return RestAssured.given().auth().oauth2(token(role + "@example.com", Set.of(role), products));
    }

    /** A token that expired an hour ago (well past any clock-skew allowance). */
    public static String expired(String subject, Set<String> roles, String... products) {
        long anHourAgo = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                .claim("products", List.of(products)).issuedAt(anHourAgo - 60).expiresAt(anHourAgo)
                .sign(privateKey());
    }

    /** A token issued at {@code issuedAt} that claims to be valid until {@code expiresAt}. */
    public static String issued(java.time.Instant issuedAt, java.time.Instant expiresAt, String subject, Set<String> roles,
                                String... products) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                .claim("products", List.of(products)).issuedAt(issuedAt).expiresAt(expiresAt)
                .sign(privateKey());
    }

    /** A token for an audience ({@code aud}), valid for an hour. */
    public static String forAudience(String audience, String subject, Set<String> roles, String... products) {
        return Jwt.issuer(ISSUER).audience(audience).subject(subject).upn(subject).groups(roles)
                .claim("products", List.of(products)).expiresIn(3600)
                .sign(privateKey());
    }

    /** A token signed by a key the services do not trust. */
    public static String forged(String subject, Set<String> roles, String... products) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                    .claim("products", List.of(products)).expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends this token with every RestAssured request that has no Authorization header of its own
     * (null: send none). A filter rather than a default specification, whose headers would be added twice.
     */
    public static void useForEveryRequest(String token) {
        if (token == null) {
            RestAssured.replaceFiltersWith(List.of());
            return;
        }
        RestAssured.replaceFiltersWith((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + token);
            }
            return context.next(request, response);
        });
    }

    private static synchronized void ensureKeys() {
        if (System.getProperty(PRIVATE_KEY_PROPERTY) != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            java.nio.file.Path publicKey = java.nio.file.Files.createTempFile("northstar-test-jwt", ".pem");
            publicKey.toFile().deleteOnExit();
            java.nio.file.Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            System.setProperty(PUBLIC_KEY_FILE_PROPERTY, publicKey.toString());
            System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the test signing key", e);
        }
    }

    private static PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] encoded = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
