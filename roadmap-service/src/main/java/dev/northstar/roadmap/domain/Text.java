package dev.northstar.roadmap.domain;

/** Text rules shared by the roadmap's aggregates. */
final class Text {

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RoadmapRuleViolation.InvalidValue(field, "must not be blank");
        }
        return value.strip();
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Text() {
    }
}
