package dev.northstar.platform.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/** Parses query parameters so that a bad value is a 400 problem naming the parameter, not a 404. */
public final class QueryParams {

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 UTC instant such as 2026-03-01T00:00:00Z");
        }
        if (!StorableInput.storable(instant)) {
            throw ProblemException.badRequest(name, "must be between " + StorableInput.EARLIEST + " and " + StorableInput.LATEST);
        }
        return instant;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    public static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + maxLimit);
    }

    private QueryParams() {
    }
}
