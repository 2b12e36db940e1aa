package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The backlog's order as the read model has it now (highest sort key first), read around a place for a pin. Every
 * answer leaves out the item being pinned and counts only ranked items (neither accepted nor discarded).
 */
public interface BacklogOrder {

    /** The sort key of a ranked item of this backlog, if it is one. */
    Optional<BigDecimal> sortKeyOf(UUID itemId);

    /** The nearest sort key strictly higher than this one. */
    Optional<BigDecimal> nextKeyAbove(BigDecimal sortKey);

    /** The nearest sort key strictly lower than this one. */
    Optional<BigDecimal> nextKeyBelow(BigDecimal sortKey);

    /** The sort key of the item at this rank (1 = first), if the backlog is that long. */
    Optional<BigDecimal> sortKeyAtRank(int rank);

    /** The lowest sort key of the backlog, if it has any item. */
    Optional<BigDecimal> lowestKey();
}
