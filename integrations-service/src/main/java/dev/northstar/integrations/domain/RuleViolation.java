package dev.northstar.integrations.domain;

/** A subscription or share link the rules refuse; {@code field} names the request field at fault. */
public class RuleViolation extends RuntimeException {
    private final String field;

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
