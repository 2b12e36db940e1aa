package dev.northstar.feedback.domain;

import java.math.BigDecimal;
import java.util.UUID;

public sealed interface VoteEvent {
    record VoteCast(UUID voteId, UUID productId, Target target, String customerId, String account,
                    BigDecimal accountValue) implements VoteEvent {
    }

    record VoteWithdrawn(UUID productId, Target target, String customerId) implements VoteEvent {
    }
}
