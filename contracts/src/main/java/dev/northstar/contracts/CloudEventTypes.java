package dev.northstar.contracts;

/**
 * CloudEvents {@code type} values: {@code northstar.<context>.<EventName>.v<N>}.
 * A breaking change of a payload is a new version, never an edit of an existing one.
 */
public final class CloudEventTypes {
    public static final String PREFIX = "northstar.";

    public static String of(String context, String eventName, int version) {
        return PREFIX + context + "." + eventName + ".v" + version;
    }

    /** The event name inside a type, e.g. {@code ItemCreated} for {@code northstar.backlog.ItemCreated.v1}. */
    public static String eventNameOf(String type) {
        String[] parts = type.split("\\.");
        if (parts.length < 4 || !type.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Northstar event type: " + type);
        }
        return parts[parts.length - 2];
    }

    private CloudEventTypes() {
    }
}
