package dev.northstar.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating requests: the first request with a key runs and its response is
 * kept in the same transaction; a retry with the same key and body gets that response again, and
 * the same key with another body is refused (422). Two concurrent requests with one key serialize on
 * the key's row, so exactly one of them creates anything. A key is the caller's own: it is kept per collection and
 * token subject, so nobody replays another caller's answer by guessing or reusing their key. An answer that carries a
 * secret is kept without it ({@link Created#withholding}): a replay answers the same resource, says which field it
 * withheld ({@value #WITHHELD}), and no secret is ever stored in clear.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** The header of a replay naming the field the first answer showed once and the replay does not. */
    public static final String WITHHELD = "Northstar-Withheld";
    private static final int MAX_KEY_LENGTH = 200;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public IdempotencyKeys(AgroalDataSource dataSource, ObjectMapper json, SecurityIdentity caller) {
        this.dataSource = dataSource;
        this.json = json;
        this.caller = caller;
    }

    /**
     * What a creating request answers; {@code kept} is what a retry gets (the same, unless the answer carries a secret,
     * and then without it), and {@code withheld} names the field left out.
     */
    public record Created(URI location, String etag, Object body, Object kept, String withheld) {
        public Created(URI location, String etag, Object body) {
            this(location, etag, body, body, null);
        }

        /** An answer whose {@code field} holds a secret: kept as {@code withoutSecret}. */
        public static Created withholding(URI location, String etag, Object body, Object withoutSecret, String field) {
            return new Created(location, etag, body, withoutSecret, field);
        }
    }

    /**
     * Runs {@code create} once per key of the caller within {@code collection} (e.g. the collection's path) and
     * answers 201.
     * Without a key it simply runs.
     */
    @Transactional
    public Response create(String collection, String key, Object request, Supplier<Created> create) {
        String scope = collection + "|" + (caller.isAnonymous() ? "" : caller.getPrincipal().getName());
        if (key == null || key.isBlank()) {
            return toResponse(create.get());
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest(HEADER, "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        String requestHash = hash(request);
        try (Connection connection = dataSource.getConnection()) {
            if (!claim(connection, scope, key, requestHash)) {
                return replay(connection, scope, key, requestHash);
            }
            Created created = create.get();
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE idempotency_keys SET status = 201, location = ?, etag = ?, body = ?, withheld = ? WHERE scope = ? AND idempotency_key = ?")) {
                ps.setString(1, created.location() == null ? null : created.location().toString());
                ps.setString(2, created.etag());
                ps.setString(3, json.writeValueAsString(created.kept()));
                ps.setString(4, created.withheld());
                ps.setString(5, scope);
                ps.setString(6, key);
                ps.executeUpdate();
            }
            return toResponse(created);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("idempotency key store failed", e);
        }
    }

    private boolean claim(Connection connection, String scope, String key, String requestHash) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, status, body)
                VALUES (?, ?, ?, 0, '') ON CONFLICT DO NOTHING""")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, requestHash);
            return ps.executeUpdate() == 1;
        }
    }

    private Response replay(Connection connection, String scope, String key, String requestHash) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT request_hash, status, location, etag, body, withheld FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(requestHash)) {
                    throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                            "this Idempotency-Key was used for a different request; use a new key for a new request"));
                }
                Response.ResponseBuilder response = Response.status(rs.getInt(2))
                        .entity(rs.getString(5))
                        .type("application/json")
                        .header("Idempotent-Replayed", "true");
                if (rs.getString(3) != null) {
                    response.location(URI.create(rs.getString(3)));
                }
                if (rs.getString(4) != null) {
                    response.header("ETag", rs.getString(4));
                }
                if (rs.getString(6) != null) {
                    response.header(WITHHELD, rs.getString(6));
                }
                return response.build();
            }
        }
    }

    private static Response toResponse(Created created) {
        Response.ResponseBuilder response = Response.status(201).entity(created.body());
        if (created.location() != null) {
            response.location(created.location());
        }
        if (created.etag() != null) {
            response.header("ETag", created.etag());
        }
        return response.build();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
