package dev.northstar.platform.eventstore;

import java.util.UUID;

/** Another writer appended to the stream since the caller read it. Answered as 409: reload and retry. */
public class ConcurrencyConflict extends RuntimeException {
    private final UUID streamId;
    private final int expectedVersion;

    public ConcurrencyConflict(UUID streamId, int expectedVersion) {
        super("stream " + streamId + " changed since version " + expectedVersion + "; reload it and retry");
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public UUID streamId() {
        return streamId;
    }

    public int expectedVersion() {
        return expectedVersion;
    }
}
