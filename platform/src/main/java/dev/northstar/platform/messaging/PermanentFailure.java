package dev.northstar.platform.messaging;

/** A record that can never be applied as it is: it goes to the consumer's dead-letter topic at once. */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PermanentFailure(String reason) {
        super(reason);
    }
}
