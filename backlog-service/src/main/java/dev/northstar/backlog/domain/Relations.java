package dev.northstar.backlog.domain;

import java.util.Set;
import java.util.UUID;

/** Where an item sits among the others: the epic it belongs to (one level deep), and the items that must be done first. */
public record Relations(UUID parentId, Set<UUID> blockedBy) {
    public static final Relations NONE = new Relations(null, Set.of());

    public Relations {
        blockedBy = blockedBy == null ? Set.of() : Set.copyOf(blockedBy);
    }

    Relations withParent(UUID newParentId) {
        return new Relations(newParentId, blockedBy);
    }

    Relations withBlockers(Set<UUID> newBlockers) {
        return new Relations(parentId, newBlockers);
    }
}
