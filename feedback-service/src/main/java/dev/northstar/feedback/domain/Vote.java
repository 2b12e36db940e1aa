package dev.northstar.feedback.domain;

import dev.northstar.feedback.domain.VoteEvent.VoteCast;
import dev.northstar.feedback.domain.VoteEvent.VoteWithdrawn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A customer's vote for a target. Its id is derived from (product, target, customer ref), so the event store's
 * one-stream-per-id rule is what makes it one vote per customer per target; the ref, not the customer id, so that
 * nothing derived from the customer id outlives an erasure.
 */
public record Vote(UUID id, UUID productId, Target target, String customerId, String account, BigDecimal accountValue,
                   boolean active) {

    public static UUID idOf(UUID productId, Target target, UUID customerRef) {
        return UUID.nameUUIDFromBytes((productId + "/" + target.type() + "/" + target.id() + "/" + customerRef)
                .getBytes(StandardCharsets.UTF_8));
    }

    public static Vote apply(Vote vote, VoteEvent event) {
        return switch (event) {
            case VoteCast e -> new Vote(e.voteId(), e.productId(), e.target(), e.customerId(), e.account(), e.accountValue(), true);
            case VoteWithdrawn e -> new Vote(vote.id, vote.productId, vote.target, vote.customerId, vote.account,
                    vote.accountValue, false);
        };
    }

    /** Casting a vote: new, or again after a withdrawal; a second active vote is refused. */
    public static List<VoteEvent> cast(Vote existing, UUID voteId, UUID productId, Target target, String customerId,
                                       String account, BigDecimal accountValue) {
        if (existing != null && existing.active) {
            throw new FeedbackRuleViolation.AlreadyVoted(customerId);
        }
        return List.of(new VoteCast(voteId, productId, target, customerId, account, accountValue));
    }

    public List<VoteEvent> withdraw() {
        return active ? List.of(new VoteWithdrawn(productId, target, customerId)) : List.of();
    }
}
