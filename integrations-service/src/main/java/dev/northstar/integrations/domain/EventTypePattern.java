package dev.northstar.integrations.domain;

import java.util.regex.Pattern;

/**
 * Which CloudEvents types a subscription wants: a type ({@code northstar.roadmap.InitiativeMoved.v1}) or a pattern
 * where {@code *} stands for any run of characters ({@code northstar.roadmap.*}, {@code northstar.*.ItemAccepted.*},
 * {@code *} for everything).
 */
public record EventTypePattern(String value) {
    private static final Pattern WELL_FORMED = Pattern.compile("\\*|northstar\\.[A-Za-z0-9.*]{1,190}");

    public EventTypePattern {
        if (value == null || !WELL_FORMED.matcher(value).matches() || value.contains("..")) {
            throw new RuleViolation("eventTypes", "'" + value + "' is not an event type or pattern: a CloudEvents type such as "
                    + "northstar.roadmap.InitiativeMoved.v1, or a pattern with * such as northstar.roadmap.*, or * for every type");
        }
    }

    public boolean matches(String type) {
        return matches(value, 0, type, 0);
    }

    private static boolean matches(String pattern, int p, String type, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = t; rest <= type.length(); rest++) {
                    if (matches(pattern, p + 1, type, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= type.length() || type.charAt(t) != c) {
                return false;
            }
            p++;
            t++;
        }
        return t == type.length();
    }

    @Override
    public String toString() {
        return value;
    }
}
