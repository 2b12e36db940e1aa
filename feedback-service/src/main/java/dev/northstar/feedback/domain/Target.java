package dev.northstar.feedback.domain;

import java.util.UUID;

/** An initiative of the roadmap or an item of the backlog. */
public record Target(TargetType type, UUID id) {
}
