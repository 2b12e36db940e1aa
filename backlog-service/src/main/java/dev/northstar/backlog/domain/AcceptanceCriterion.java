package dev.northstar.backlog.domain;

import java.util.UUID;

/** A condition the finished work must meet, with the last review's verdict on it (null until reviewed, or after an edit). */
public record AcceptanceCriterion(UUID id, String text, LastVerdict lastVerdict) {

    /** The last acceptance or rejection's verdict on the criterion, and who gave it. */
    public record LastVerdict(boolean met, String note, String by) {
    }
}
