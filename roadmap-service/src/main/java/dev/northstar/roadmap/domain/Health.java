package dev.northstar.roadmap.domain;

import java.time.Instant;

/** How an initiative is going, as its product manager last reported it. */
public record Health(Status status, String text, Instant reportedAt, String reportedBy) {

    public enum Status {
        ON_TRACK, AT_RISK, OFF_TRACK
    }
}
