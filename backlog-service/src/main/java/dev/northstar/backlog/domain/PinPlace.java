package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/** Where the product owner asked an item to go: directly above or below another open item, or at a rank (one of the three). */
public record PinPlace(UUID above, UUID below, Integer position) {

    /** How many decimals a pinned sort key keeps (the read model's scale): about 30 pins between two neighbours. */
    public static final int SCALE = 12;

    public static PinPlace above(UUID itemId) {
        return new PinPlace(itemId, null, null);
    }

    public static PinPlace below(UUID itemId) {
        return new PinPlace(null, itemId, null);
    }

    public static PinPlace at(int position) {
        return new PinPlace(null, null, position);
    }

    /** The other item the place names, if it names one. */
    public UUID anchor() {
        return above != null ? above : below;
    }

    String describe() {
        if (above != null) {
            return "above " + above;
        }
        return below != null ? "below " + below : "at position " + position;
    }

    void requireValidFor(UUID itemId) {
        int given = (above == null ? 0 : 1) + (below == null ? 0 : 1) + (position == null ? 0 : 1);
        if (given != 1) {
            throw new BacklogRuleViolation.InvalidValue("place", "give exactly one of above, below or position");
        }
        if (position != null && position < 1) {
            throw new BacklogRuleViolation.InvalidValue("position", "must be 1 or more, was " + position);
        }
        if (itemId.equals(anchor())) {
            throw new BacklogRuleViolation.InvalidValue(above != null ? "above" : "below", "names the item itself");
        }
    }

    /**
     * The sort key that puts an item at this place in the order: just above the anchor's (above the items that tie
     * with it: a key cannot fall between equal keys), just below it, or above the item now at the position (below the
     * last item when the backlog is shorter). {@code ownKey} is kept in an empty backlog.
     */
    public BigDecimal sortKeyIn(BacklogOrder order, BigDecimal ownKey) {
        if (above != null) {
            return justAbove(order, order.sortKeyOf(above).orElseThrow(() -> new BacklogRuleViolation.NotRanked("above", above)));
        }
        if (below != null) {
            BigDecimal anchor = order.sortKeyOf(below).orElseThrow(() -> new BacklogRuleViolation.NotRanked("below", below));
            return between(anchor, order.nextKeyBelow(anchor).orElse(null), ownKey);
        }
        return order.sortKeyAtRank(position).map(key -> justAbove(order, key))
                .orElseGet(() -> between(order.lowestKey().orElse(null), null, ownKey));
    }

    /**
     * Whether an item at {@code currentKey} still sits at this place in the order (ties aside): directly above or below
     * its anchor, or at its position. A place whose anchor left the ranking holds by default.
     */
    public boolean holds(BacklogOrder order, BigDecimal currentKey) {
        if (above != null) {
            return order.sortKeyOf(above).map(anchor -> currentKey.compareTo(anchor) > 0
                    && order.nextKeyAbove(anchor).map(next -> next.compareTo(currentKey) > 0).orElse(true)).orElse(true);
        }
        if (below != null) {
            return order.sortKeyOf(below).map(anchor -> currentKey.compareTo(anchor) < 0
                    && order.nextKeyBelow(anchor).map(next -> next.compareTo(currentKey) < 0).orElse(true)).orElse(true);
        }
        return order.sortKeyAtRank(position)
                .map(there -> currentKey.compareTo(there) > 0
                        && (position == 1 || order.sortKeyAtRank(position - 1).map(before -> before.compareTo(currentKey) > 0).orElse(true)))
                .orElseGet(() -> order.lowestKey().map(lowest -> currentKey.compareTo(lowest) < 0).orElse(true));
    }

    private static BigDecimal justAbove(BacklogOrder order, BigDecimal anchor) {
        return between(order.nextKeyAbove(anchor).orElse(null), anchor, anchor);
    }

    /**
     * A sort key between two neighbours' (either may be absent: the top or the bottom of the backlog, or an empty one,
     * where {@code fallback} is used): their midpoint, or one point past the only one.
     */
    public static BigDecimal between(BigDecimal higher, BigDecimal lower, BigDecimal fallback) {
        if (higher == null && lower == null) {
            return fallback.setScale(SCALE, RoundingMode.HALF_UP);
        }
        if (higher == null) {
            return lower.add(BigDecimal.ONE).setScale(SCALE, RoundingMode.HALF_UP);
        }
        if (lower == null) {
            return higher.subtract(BigDecimal.ONE).setScale(SCALE, RoundingMode.HALF_UP);
        }
        BigDecimal middle = higher.add(lower).divide(BigDecimal.TWO, SCALE, RoundingMode.HALF_UP);
        if (middle.compareTo(higher) == 0 || middle.compareTo(lower) == 0) {
            throw new BacklogRuleViolation.NoRoomForPin(higher, lower);
        }
        return middle;
    }
}
