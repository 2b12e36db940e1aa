package dev.northstar.backlog.domain;

/** "As a {@code asA}, I want {@code iWant}, so that {@code soThat}." */
public record UserStory(String asA, String iWant, String soThat) {

    public boolean hasAllParts() {
        return present(asA) && present(iWant) && present(soThat);
    }

    private static boolean present(String part) {
        return part != null && !part.isBlank();
    }
}
