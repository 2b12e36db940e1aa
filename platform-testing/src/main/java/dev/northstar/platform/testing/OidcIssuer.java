package dev.northstar.platform.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for an OIDC issuer such as Keycloak, as the services meet one in production: it publishes its keys
 * as a JWKS document at the Keycloak path and signs tokens with a key id, roles under {@code realm_access.roles}
 * and the user in {@code preferred_username}. The services are configured exactly as the README tells operators.
 */
public class OidcIssuer implements QuarkusTestResourceLifecycleManager {
    private static final String KEY_ID = "test-key-1";
    private static volatile KeyPair keys;
    private static volatile String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/northstar";
            byte[] jwks = jwks((RSAPublicKey) keys.getPublic()).getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/northstar/protocol/openid-connect/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot start the test OIDC issuer", e);
        }
        return Map.of(
                "mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs",
                "mp.jwt.verify.issuer", issuer,
                "smallrye.jwt.path.groups", "realm_access/roles");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token as Keycloak issues it: realm roles, preferred_username, a products claim from a mapper. */
    public static String token(String username, Set<String> realmRoles, String... products) {
        return Jwt.issuer(issuer).subject("f:" + username.hashCode()).claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.copyOf(realmRoles)))
                .claim("products", List.of(products)).expiresIn(600)
                .jws().keyId(KEY_ID).sign(keys.getPrivate());
    }

    private static String jwks(RSAPublicKey key) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + url.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + url.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
