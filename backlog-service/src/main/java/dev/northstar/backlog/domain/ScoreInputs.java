package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An item's inputs to the RICE, ICE or WEIGHTED model: numbers and choices by field name. */
public record ScoreInputs(Map<String, BigDecimal> numbers, Map<String, String> choices) {
    public static final ScoreInputs NONE = new ScoreInputs(Map.of(), Map.of());

    public ScoreInputs {
        SortedMap<String, BigDecimal> normalized = new TreeMap<>();
        if (numbers != null) {
            numbers.forEach((name, value) -> normalized.put(name, ScoringField.plain(value)));
        }
        numbers = Collections.unmodifiableSortedMap(normalized);
        choices = choices == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(choices));
    }

    /** These inputs with others laid over them (a name given again takes the new value). */
    public ScoreInputs with(ScoreInputs newer) {
        Map<String, BigDecimal> n = new TreeMap<>(numbers);
        Map<String, String> c = new TreeMap<>(choices);
        newer.numbers.forEach((name, value) -> {
            n.put(name, value);
            c.remove(name);
        });
        newer.choices.forEach((name, value) -> {
            c.put(name, value);
            n.remove(name);
        });
        return new ScoreInputs(n, c);
    }
}
