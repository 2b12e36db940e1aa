package dev.northstar.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque pagination cursors: the position after the last item of a page, as base64url JSON. */
@ApplicationScoped
public class Cursors {
    private final ObjectMapper json;

    public Cursors(ObjectMapper json) {
        this.json = json;
    }

    public String encode(Object position) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(position));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T decode(String cursor, Class<T> type) {
        try {
            return json.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)), type);
        } catch (Exception e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }
}
