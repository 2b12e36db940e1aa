package dev.northstar.backlog.domain;

/**
 * Who asks for a workflow step: the product owner may take any step; a team member starts, pauses and finishes work
 * but neither accepts nor rejects it.
 */
public record Actor(String id, boolean productOwner) {

    public static Actor productOwner(String id) {
        return new Actor(id, true);
    }

    public static Actor teamMember(String id) {
        return new Actor(id, false);
    }
}
