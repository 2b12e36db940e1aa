package dev.northstar.platform.privacy;

/**
 * Values a service keeps under the master key (wrapped data keys, sealed secrets) in one column of a table: a service
 * declares one bean for each, and {@link MasterKeyRotation} counts and re-wraps those under an old master key.
 */
public interface MasterKeyedValues {
    /** One stored value and the id of its row. */
    record Stored(String id, String value) {
    }

    /** The name of the values in the rotation's status, e.g. {@code customer-keys}. */
    String name();

    /** Where they are kept. */
    MasterKeyedColumn column();

    /**
     * The value wrapped or sealed under the current master key; no database work.
     *
     * @throws IllegalStateException when no configured master key opens it (the message names the key)
     */
    String rewrapped(Stored stored);

    /**
     * Stores the re-wrapped value unless the row changed meanwhile (erased, re-wrapped by another replica); whether it
     * did. Joins the caller's transaction, so that what goes with it (an event announcing the new value) commits too.
     */
    default boolean replace(Stored stored, String rewrapped) {
        return column().replace(stored, rewrapped);
    }
}
