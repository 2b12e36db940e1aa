package dev.northstar.roadmap.domain;

import java.util.List;

/**
 * Places an initiative at a 1-based position among the others of a horizon by giving it a key between
 * its neighbours' keys, so that a move changes one initiative only.
 */
public final class RankKeys {
    static final double GAP = 1024;

    /** The key for {@code position} (1 = first; beyond the end = last) among {@code others}, sorted by key. */
    public static double at(int position, List<Double> others) {
        if (others.isEmpty()) {
            return GAP;
        }
        int index = Math.max(0, Math.min(position - 1, others.size()));
        if (index == 0) {
            return others.getFirst() - GAP;
        }
        if (index == others.size()) {
            return others.getLast() + GAP;
        }
        return (others.get(index - 1) + others.get(index)) / 2;
    }

    private RankKeys() {
    }
}
