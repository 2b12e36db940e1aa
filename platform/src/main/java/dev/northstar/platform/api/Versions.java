package dev.northstar.platform.api;

import java.util.OptionalInt;

/** ETag and If-Match: the entity tag of an aggregate is its stream version, e.g. {@code "7"}. */
public final class Versions {

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header expects, or empty when the header is absent or {@code *}. */
    public static OptionalInt expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalInt.empty();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return OptionalInt.of(Integer.parseInt(tag));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match", "must be an ETag this API returned, such as \"3\"");
        }
    }

    /** Answers 412 when the client's If-Match names another version than the current one. */
    public static void check(String ifMatch, int currentVersion) {
        OptionalInt expected = expected(ifMatch);
        if (expected.isPresent() && expected.getAsInt() != currentVersion) {
            throw ProblemException.preconditionFailed("If-Match names version " + expected.getAsInt()
                    + " but the current version is " + currentVersion + "; reload and retry");
        }
    }

    private Versions() {
    }
}
