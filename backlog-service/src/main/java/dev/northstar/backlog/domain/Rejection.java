package dev.northstar.backlog.domain;

/** The product owner's last refusal of DONE work, kept on the item until it is accepted. */
public record Rejection(String reason, String rejectedBy) {
}
