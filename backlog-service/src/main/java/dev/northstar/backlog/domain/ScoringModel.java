package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a product scores its backlog: {@code WSJF} (the default, on the item's own WSJF fields), {@code RICE}, {@code ICE},
 * or {@code WEIGHTED}, a weighted sum over the product's own fields, optionally divided by one of them (the effort).
 * The inputs of RICE, ICE and WEIGHTED are the item's {@link ScoreInputs}.
 */
public record ScoringModel(Kind kind, List<ScoringField> fields, String effortField) {

    public static final ScoringModel WSJF = new ScoringModel(Kind.WSJF, List.of(), null);

    public enum Kind {
        WSJF, RICE, ICE, WEIGHTED
    }

    public ScoringModel {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The model of a kind with no fields of its own (WSJF, RICE, ICE). */
    public static ScoringModel of(Kind kind) {
        return new ScoringModel(kind, List.of(), null);
    }

    /** The inputs an item gives this model, each with its range (WSJF's are the item's own fields). */
    public List<ScoringField> inputs() {
        return switch (kind) {
            case WSJF -> List.of();
            case RICE -> List.of(ScoringField.number("reach", BigDecimal.ZERO, new BigDecimal("1000000000"), BigDecimal.ONE),
                    ScoringField.number("impact", new BigDecimal("0.25"), new BigDecimal("3"), BigDecimal.ONE),
                    ScoringField.number("confidence", BigDecimal.ZERO, new BigDecimal("100"), BigDecimal.ONE),
                    ScoringField.number("effort", new BigDecimal("0.1"), new BigDecimal("1000"), BigDecimal.ONE));
            case ICE -> List.of(ScoringField.number("impact", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE),
                    ScoringField.number("confidence", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE),
                    ScoringField.number("ease", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE));
            case WEIGHTED -> fields;
        };
    }

    /** The formula in the model's own terms, before the roadmap and demand factors every model shares. */
    public String formula() {
        return switch (kind) {
            case WSJF -> Priority.FORMULA;
            case RICE -> "score = reach x impact x confidence% / effort" + Priority.CONTEXT_FORMULA;
            case ICE -> "score = impact x confidence x ease" + Priority.CONTEXT_FORMULA;
            case WEIGHTED -> "score = (" + String.join(" + ", fields.stream().filter(f -> !f.name().equals(effortField))
                    .map(f -> f.weight().stripTrailingZeros().toPlainString() + " x " + f.name()).toList()) + ")"
                    + (effortField == null ? "" : " / " + effortField) + Priority.CONTEXT_FORMULA;
        };
    }

    /**
     * Checks the model's own definition: WEIGHTED needs 1 to 20 fields with distinct names, numbers with a range, selects
     * with options, and an effort field (if any) that is one of its numbers with a minimum above zero; the others take none.
     */
    public ScoringModel validated() {
        if (kind == null) {
            throw new BacklogRuleViolation.InvalidValue("model", "must be one of WSJF, RICE, ICE, WEIGHTED");
        }
        if (kind != Kind.WEIGHTED) {
            if (!fields.isEmpty() || effortField != null) {
                throw new BacklogRuleViolation.InvalidValue("fields", "are defined only for the WEIGHTED model; " + kind + " has fixed inputs");
            }
            return this;
        }
        if (fields.isEmpty() || fields.size() > 20) {
            throw new BacklogRuleViolation.InvalidValue("fields", "WEIGHTED needs 1 to 20 fields, had " + fields.size());
        }
        Set<String> names = new HashSet<>();
        for (ScoringField field : fields) {
            field.validate();
            if (!names.add(field.name())) {
                throw new BacklogRuleViolation.InvalidValue("fields", "name " + field.name() + " twice");
            }
        }
        if (effortField != null) {
            ScoringField effort = fields.stream().filter(f -> f.name().equals(effortField)).findFirst()
                    .orElseThrow(() -> new BacklogRuleViolation.InvalidValue("effortField", "names no field of the model: " + effortField));
            if (effort.type() != ScoringField.Type.NUMBER || effort.min().compareTo(ScoringField.LEAST_EFFORT) < 0) {
                throw new BacklogRuleViolation.InvalidValue("effortField", "must name a number field whose minimum is 0.01 or more");
            }
            if (fields.size() == 1) {
                throw new BacklogRuleViolation.InvalidValue("fields", "need one field besides the effort field");
            }
        }
        return this;
    }

    /**
     * Checks inputs an item gives this model: each names one of its inputs, numbers within range, choices among the
     * options. WSJF takes its inputs as the item's own fields.
     */
    public void validateInputs(ScoreInputs given) {
        if (kind == Kind.WSJF) {
            throw new BacklogRuleViolation.InvalidValue("inputs", "WSJF takes no scoring inputs (the product scores by WSJF, or "
                    + "the inputs were given for it): give jobSize, businessValue, timeCriticality and riskReduction on the item instead");
        }
        List<String> known = inputs().stream().map(ScoringField::name).toList();
        List<String> problems = new ArrayList<>();
        given.numbers().forEach((name, value) -> input(name).ifPresentOrElse(
                field -> field.check(value, null, problems), () -> problems.add(name + " is not an input of " + kind + " " + known)));
        given.choices().forEach((name, value) -> input(name).ifPresentOrElse(
                field -> field.check(null, value, problems), () -> problems.add(name + " is not an input of " + kind + " " + known)));
        if (!problems.isEmpty()) {
            throw new BacklogRuleViolation.InvalidValue("inputs", String.join("; ", problems));
        }
    }

    private Optional<ScoringField> input(String name) {
        return inputs().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The score of inputs under RICE, ICE or WEIGHTED, before the roadmap and demand factors: null with the names of the
     * missing inputs when some are missing.
     */
    ModelScore.Base base(ScoreInputs given) {
        Map<String, BigDecimal> terms = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ScoringField field : inputs()) {
            BigDecimal value = field.valueOf(given);
            if (value == null) {
                missing.add(field.name());
            } else {
                terms.put(field.name(), value);
            }
        }
        if (!missing.isEmpty()) {
            return new ModelScore.Base(terms, null, missing);
        }
        BigDecimal base = switch (kind) {
            case WSJF -> throw new IllegalStateException("WSJF scores on the item's own fields");
            case RICE -> terms.get("reach").multiply(terms.get("impact")).multiply(terms.get("confidence"))
                    .divide(BigDecimal.valueOf(100)).divide(terms.get("effort"), 6, RoundingMode.HALF_UP);
            case ICE -> terms.get("impact").multiply(terms.get("confidence")).multiply(terms.get("ease"));
            case WEIGHTED -> {
                BigDecimal sum = fields.stream().filter(f -> !f.name().equals(effortField))
                        .map(f -> f.weight().multiply(terms.get(f.name()))).reduce(BigDecimal.ZERO, BigDecimal::add);
                yield effortField == null ? sum : sum.divide(terms.get(effortField), 6, RoundingMode.HALF_UP);
            }
        };
        return new ModelScore.Base(terms, base, List.of());
    }
}
