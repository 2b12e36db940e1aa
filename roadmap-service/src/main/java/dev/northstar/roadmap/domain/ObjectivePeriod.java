package dev.northstar.roadmap.domain;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period an objective is for: a year ({@code 2027}), a half ({@code 2027-H1}) or a quarter ({@code 2027-Q3}). */
public record ObjectivePeriod(String label, LocalDate start, LocalDate end) {
    private static final Pattern FORM = Pattern.compile("^(\\d{4})(?:-([HQ])([1-4]))?$");

    public static ObjectivePeriod parse(String label) {
        Matcher matcher = label == null ? null : FORM.matcher(label.strip());
        if (matcher == null || !matcher.matches() || ("H".equals(matcher.group(2)) && Integer.parseInt(matcher.group(3)) > 2)) {
            throw new RoadmapRuleViolation.InvalidValue("period", "must be a year, half or quarter such as 2027, 2027-H1 or 2027-Q3");
        }
        int year = Integer.parseInt(matcher.group(1));
        if (matcher.group(2) == null) {
            return new ObjectivePeriod(matcher.group(), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        int months = matcher.group(2).equals("H") ? 6 : 3;
        LocalDate start = LocalDate.of(year, 1 + (Integer.parseInt(matcher.group(3)) - 1) * months, 1);
        return new ObjectivePeriod(matcher.group(), start, start.plusMonths(months).minusDays(1));
    }
}
