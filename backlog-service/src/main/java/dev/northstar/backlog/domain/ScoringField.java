package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An input of a scoring model: a number within a range, or a choice among options each worth a value. In a WEIGHTED
 * model each field has a weight (the effort field's is not used).
 */
public record ScoringField(String name, Type type, BigDecimal min, BigDecimal max, BigDecimal weight, Map<String, BigDecimal> options) {

    public enum Type {
        NUMBER, SELECT
    }

    /** The largest value a NUMBER field's range, a SELECT option or an input may take (and its negative the least). */
    public static final BigDecimal LIMIT = new BigDecimal("1000000");
    /** The largest weight (and its negative the least). */
    public static final BigDecimal WEIGHT_LIMIT = new BigDecimal("100");
    /** The least minimum of an effort field (the sum is divided by it). */
    public static final BigDecimal LEAST_EFFORT = new BigDecimal("0.01");

    public ScoringField {
        min = plain(min);
        max = plain(max);
        weight = plain(weight);
        SortedMap<String, BigDecimal> normalized = new TreeMap<>();
        if (options != null) {
            options.forEach((option, value) -> normalized.put(option, plain(value)));
        }
        options = Collections.unmodifiableSortedMap(normalized);
    }

    /**
     * The number without trailing zeros, never in exponent form (2.0 and 2 are one weight, so choosing the same model
     * again changes nothing).
     */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static ScoringField number(String name, BigDecimal min, BigDecimal max, BigDecimal weight) {
        return new ScoringField(name, Type.NUMBER, min, max, weight, Map.of());
    }

    /** The value this field gives an item's inputs, or null when the item has none. */
    BigDecimal valueOf(ScoreInputs inputs) {
        return type == Type.NUMBER ? inputs.numbers().get(name)
                : inputs.choices().get(name) == null ? null : options.get(inputs.choices().get(name));
    }

    void validate() {
        if (name == null || !name.matches("[a-zA-Z][a-zA-Z0-9_]{0,39}")) {
            throw new BacklogRuleViolation.InvalidValue("fields", "a field name is 1-40 letters, digits or _, starting with a letter: " + name);
        }
        if (type == null) {
            throw new BacklogRuleViolation.InvalidValue("fields", name + " needs a type: NUMBER or SELECT");
        }
        if (weight == null || weight.abs().compareTo(WEIGHT_LIMIT) > 0) {
            throw new BacklogRuleViolation.InvalidValue("fields", name + " needs a weight from -100 to 100");
        }
        switch (type) {
            case NUMBER -> {
                if (min == null || max == null || min.compareTo(max) >= 0 || !options.isEmpty()) {
                    throw new BacklogRuleViolation.InvalidValue("fields", name + " is a NUMBER: it needs min below max and no options");
                }
                if (min.abs().compareTo(LIMIT) > 0 || max.abs().compareTo(LIMIT) > 0) {
                    throw new BacklogRuleViolation.InvalidValue("fields", name + ": min and max must lie from -1000000 to 1000000");
                }
            }
            case SELECT -> {
                if (options.isEmpty() || options.size() > 20 || min != null || max != null || options.containsValue(null)) {
                    throw new BacklogRuleViolation.InvalidValue("fields", name + " is a SELECT: it needs 1 to 20 options, each with a value, and no range");
                }
                if (options.values().stream().anyMatch(value -> value.abs().compareTo(LIMIT) > 0)) {
                    throw new BacklogRuleViolation.InvalidValue("fields", name + ": option values must lie from -1000000 to 1000000");
                }
            }
        }
    }

    void check(BigDecimal number, String choice, List<String> problems) {
        if (type == Type.NUMBER) {
            if (number == null) {
                problems.add(name + " must be a number from " + min.toPlainString() + " to " + max.toPlainString());
            } else if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
                problems.add(name + " must be from " + min.toPlainString() + " to " + max.toPlainString() + ", was " + number.toPlainString());
            }
        } else if (choice == null || !options.containsKey(choice)) {
            problems.add(name + " must be one of " + options.keySet() + (choice == null ? "" : ", was " + choice));
        }
    }
}
