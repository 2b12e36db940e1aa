package dev.northstar.contracts.events;

/** Checks of the fields a contract promises: a payload without them is a contract violation, not a default. */
final class Require {
    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field " + field);
        }
        return value;
    }

    private Require() {
    }
}
