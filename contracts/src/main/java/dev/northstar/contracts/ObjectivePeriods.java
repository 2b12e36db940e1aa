package dev.northstar.contracts;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period of an objective, as roadmap-service records it: a year ({@code 2027}), a half ({@code 2027-H1}) or a quarter ({@code 2027-Q3}). */
public final class ObjectivePeriods {
    private static final Pattern FORM = Pattern.compile("^(\\d{4})(?:-(H[12]|Q[1-4]))?$");

    /** The first and last day of a period. */
    public record Span(String label, LocalDate start, LocalDate end) {
    }

    public static Optional<Span> parse(String label) {
        Matcher matcher = label == null ? null : FORM.matcher(label.strip());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group(1));
        if (matcher.group(2) == null) {
            return Optional.of(new Span(matcher.group(), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        int months = matcher.group(2).startsWith("H") ? 6 : 3;
        LocalDate start = LocalDate.of(year, 1 + (matcher.group(2).charAt(1) - '1') * months, 1);
        return Optional.of(new Span(matcher.group(), start, start.plusMonths(months).minusDays(1)));
    }

    private ObjectivePeriods() {
    }
}
