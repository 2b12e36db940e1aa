package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.backlog.domain.NewItem;
import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs backlog commands: load the item, check the client's If-Match, let the item decide, append the
 * events (which updates the read model and the outbox in the same transaction).
 */
@ApplicationScoped
public class BacklogItemCommands {
    private final BacklogItems items;

    public BacklogItemCommands(BacklogItems items) {
        this.items = items;
    }

    @Transactional
    public Versioned<BacklogItem> create(UUID productId, NewItem spec, EventMetadata metadata) {
        UUID itemId = UUID.randomUUID();
        List<BacklogItemEvent> events = BacklogItem.create(itemId, productId, spec, UUID::randomUUID);
        return items.append(itemId, productId, null, events, metadata);
    }

    /** Applies {@code command} to the item; answers 404 for an item of another product, 412 for a stale If-Match. */
    @Transactional
    public Versioned<BacklogItem> update(UUID productId, UUID itemId, String ifMatch, EventMetadata metadata,
                                         Function<BacklogItem, List<BacklogItemEvent>> command) {
        return AggregateUpdates.update(items, productId, itemId, BacklogItem::productId, "backlog item", ifMatch, metadata,
                command);
    }
}
