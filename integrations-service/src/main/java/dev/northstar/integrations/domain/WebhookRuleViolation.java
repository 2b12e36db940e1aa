package dev.northstar.integrations.domain;

/** A subscription the rules refuse; {@code field} names the request field at fault. */
public class WebhookRuleViolation extends RuntimeException {
    private final String field;

    public WebhookRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
