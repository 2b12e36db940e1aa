package dev.northstar.platform.eventstore;

import java.nio.charset.StandardCharsets;

/**
 * A change would record an event larger than every event may be (its payload as stored and published, customer data
 * sealed): refused before anything is written, so no record can outgrow what the broker and consumers take.
 */
public class EventTooLarge extends RuntimeException {
    /** The most an event's encoded payload may take, in bytes (256 KiB; the topics take records of up to 1 MiB). */
    public static final int LIMIT_BYTES = 256 * 1024;

    private final String eventType;
    private final long bytes;

    public EventTooLarge(String eventType, long bytes) {
        super("the change would record a " + eventType + " event of " + bytes + " bytes; an event may take at most "
                + LIMIT_BYTES + " bytes (256 KiB)");
        this.eventType = eventType;
        this.bytes = bytes;
    }

    /** Refuses a payload over the limit; a payload of fewer characters than a third of the limit needs no counting. */
    public static void check(String eventType, String payload) {
        if (payload.length() > LIMIT_BYTES / 3) {
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > LIMIT_BYTES) {
                throw new EventTooLarge(eventType, bytes);
            }
        }
    }

    public String eventType() {
        return eventType;
    }

    public long bytes() {
        return bytes;
    }
}
