package dev.northstar.platform.messaging;

/** A record that cannot be applied yet but will be once something else has happened: it is retried, never dead-lettered. */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String reason) {
        super(reason);
    }
}
