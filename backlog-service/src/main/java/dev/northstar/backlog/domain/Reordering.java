package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The backlog order under another scoring model. A pin's key was chosen between scores of the old model, which mean
 * nothing under the new one, so each pinned item is placed again at its pin's place (above or below the same item, or
 * at the same position) among the new scores, pins nearest the top first. A pin whose place no longer exists (its
 * item was accepted or discarded, or no key is left there) keeps the rank it has now.
 */
public final class Reordering {

    /** The sort keys under {@code model} of these open items, given in today's backlog order. */
    public static Map<UUID, BigDecimal> underModel(List<BacklogItem> itemsInOrder, ScoringModel model) {
        Map<UUID, BigDecimal> keys = new LinkedHashMap<>();
        List<BacklogItem> pinned = new ArrayList<>();
        for (BacklogItem item : itemsInOrder) {
            if (item.pin() == null) {
                keys.put(item.id(), item.priorityWith(model).sortKey());
            } else {
                pinned.add(item);
            }
        }
        Map<UUID, Integer> ranksNow = new HashMap<>();
        for (int i = 0; i < itemsInOrder.size(); i++) {
            ranksNow.put(itemsInOrder.get(i).id(), i + 1);
        }
        // a pin placed against another pinned item waits until that one is placed
        List<BacklogItem> waiting = new ArrayList<>(pinned);
        boolean placedOne = true;
        while (!waiting.isEmpty() && placedOne) {
            placedOne = false;
            for (BacklogItem item : List.copyOf(waiting)) {
                UUID anchor = item.pin().place().anchor();
                if (anchor == null || keys.containsKey(anchor) || !ranksNow.containsKey(anchor)) {
                    keys.put(item.id(), place(item, item.pin().place(), keys, model, ranksNow));
                    waiting.remove(item);
                    placedOne = true;
                }
            }
        }
        waiting.forEach(item -> keys.put(item.id(), place(item, PinPlace.at(ranksNow.get(item.id())), keys, model, ranksNow)));
        return keys;
    }

    private static BigDecimal place(BacklogItem item, PinPlace place, Map<UUID, BigDecimal> keys, ScoringModel model,
                                    Map<UUID, Integer> ranksNow) {
        BigDecimal ownKey = item.priorityWith(model).sortKey();
        try {
            return place.sortKeyIn(new KeyedOrder(keys), ownKey);
        } catch (BacklogRuleViolation unplaceable) {
            try {
                return PinPlace.at(ranksNow.get(item.id())).sortKeyIn(new KeyedOrder(keys), ownKey);
            } catch (BacklogRuleViolation stillUnplaceable) {
                return ownKey;
            }
        }
    }

    /** An order over the keys placed so far (the item being placed is not among them). */
    private record KeyedOrder(Map<UUID, BigDecimal> keys) implements BacklogOrder {
        @Override
        public Optional<BigDecimal> sortKeyOf(UUID itemId) {
            return Optional.ofNullable(keys.get(itemId));
        }

        @Override
        public Optional<BigDecimal> nextKeyAbove(BigDecimal sortKey) {
            return keys.values().stream().filter(key -> key.compareTo(sortKey) > 0).min(Comparator.naturalOrder());
        }

        @Override
        public Optional<BigDecimal> nextKeyBelow(BigDecimal sortKey) {
            return keys.values().stream().filter(key -> key.compareTo(sortKey) < 0).max(Comparator.naturalOrder());
        }

        @Override
        public Optional<BigDecimal> sortKeyAtRank(int rank) {
            return keys.values().stream().sorted(Comparator.reverseOrder()).skip(rank - 1L).findFirst();
        }

        @Override
        public Optional<BigDecimal> lowestKey() {
            return keys.values().stream().min(Comparator.naturalOrder());
        }
    }

    private Reordering() {
    }
}
