package dev.northstar.platform.retention;

import java.time.Duration;

/**
 * One table whose rows serve a while: its rows older than an age (by a time column, and an optional condition of
 * what may go) are deleted in batches. Services add their own as beans.
 */
public record RetentionRule(String table, String timeColumn, Duration age, String mayGo) {

    public RetentionRule(String table, String timeColumn, Duration age) {
        this(table, timeColumn, age, "true");
    }

    /** One batch's statement: parameters are the age in seconds and the batch size. */
    String deleteBatch() {
        return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + timeColumn
                + " < now() - make_interval(secs => ?) AND (" + mayGo + ") LIMIT ?)";
    }
}
