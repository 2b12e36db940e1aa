package dev.northstar.backlog.domain;

import java.util.UUID;

/** The reviewer's verdict on one acceptance criterion when accepting or rejecting work, with an optional note. */
public record CriterionVerdict(UUID criterionId, boolean met, String note) {
}
