package dev.northstar.backlog.domain;

import java.util.List;

/** The modified Fibonacci scale every WSJF input is given on. */
public final class WsjfScale {
    public static final List<Integer> VALUES = List.of(1, 2, 3, 5, 8, 13, 20);

    public static boolean contains(int value) {
        return VALUES.contains(value);
    }

    static void require(String field, int value) {
        if (!contains(value)) {
            throw new BacklogRuleViolation.InvalidValue(field, "must be one of " + VALUES + ", was " + value);
        }
    }

    private WsjfScale() {
    }
}
