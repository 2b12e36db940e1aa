package dev.northstar.roadmap.domain;

import dev.northstar.contracts.ObjectivePeriods;

import java.time.LocalDate;

/** The period an objective is for: a year ({@code 2027}), a half ({@code 2027-H1}) or a quarter ({@code 2027-Q3}). */
public record ObjectivePeriod(String label, LocalDate start, LocalDate end) {

    public static ObjectivePeriod parse(String label) {
        return ObjectivePeriods.parse(label)
                .map(span -> new ObjectivePeriod(span.label(), span.start(), span.end()))
                .orElseThrow(() -> new RoadmapRuleViolation.InvalidValue("period",
                        "must be a year, half or quarter such as 2027, 2027-H1 or 2027-Q3"));
    }
}
