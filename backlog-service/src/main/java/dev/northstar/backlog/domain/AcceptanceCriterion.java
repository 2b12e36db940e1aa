package dev.northstar.backlog.domain;

import java.util.UUID;

public record AcceptanceCriterion(UUID id, String text) {
}
