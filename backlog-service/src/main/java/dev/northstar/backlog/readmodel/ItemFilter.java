package dev.northstar.backlog.readmodel;

import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.ItemStatus;
import dev.northstar.backlog.domain.ItemType;

import java.util.UUID;

/** The backlog list's filters; a null field does not filter, except that discarded items show only when asked for. */
public record ItemFilter(ItemStatus status, ItemType type, String label, UUID initiativeId, UUID parentId) {

    public boolean matches(BacklogItem item) {
        return (status == null ? item.status() != ItemStatus.DISCARDED : item.status() == status)
                && (type == null || item.type() == type)
                && (label == null || item.labels().contains(label))
                && (initiativeId == null || initiativeId.equals(item.initiativeId()))
                && (parentId == null || parentId.equals(item.relations().parentId()));
    }
}
