package dev.northstar.integrations.domain;

/** A key asked for more than its issuer holds (roles or products); {@code field} names the request field at fault. */
public class ScopeExceeded extends RuntimeException {
    private final String field;

    public ScopeExceeded(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
