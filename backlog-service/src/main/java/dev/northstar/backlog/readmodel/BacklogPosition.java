package dev.northstar.backlog.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * A place in the backlog order: highest priority first, then oldest first, then by id, so the order is
 * total and a page cursor (the position of a page's last item) is stable. A cursor also carries
 * {@code openItemsUpTo}, the number of open items up to and including this place when the page was read, so that
 * the next page's ranks continue from it instead of counting the backlog ahead again (null: count them).
 */
public record BacklogPosition(BigDecimal sortKey, Instant createdAt, UUID id, Integer openItemsUpTo) {

    /**
     * Ids in PostgreSQL's order for uuid (unsigned bytes, which is the order of their hex text), not UUID.compareTo's
     * (signed halves): the order folded in memory must be the read model's.
     */
    public static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::toString);

    public static final Comparator<BacklogPosition> ORDER = Comparator
            .comparing(BacklogPosition::sortKey, Comparator.reverseOrder())
            .thenComparing(BacklogPosition::createdAt)
            .thenComparing(BacklogPosition::id, ID_ORDER);

    public BacklogPosition withOpenItemsUpTo(Integer count) {
        return new BacklogPosition(sortKey, createdAt, id, count);
    }

    public static BacklogPosition of(ItemSnapshot snapshot) {
        return new BacklogPosition(snapshot.item().sortKey(), snapshot.createdAt(), snapshot.item().id(), null);
    }
}
