package dev.northstar.backlog.domain;

import java.util.List;
import java.util.UUID;

/**
 * The product owner's last refusal of DONE work, kept on the item until it is accepted: the reason, who refused, and
 * the acceptance criteria the reviewer found not met (empty when the review named none).
 */
public record Rejection(String reason, String rejectedBy, List<UUID> unmetCriteria) {
}
