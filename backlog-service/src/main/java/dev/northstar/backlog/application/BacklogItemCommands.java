package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.backlog.domain.DemandSignal;
import dev.northstar.backlog.domain.NewItem;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.backlog.domain.RoadmapContext;
import dev.northstar.backlog.readmodel.BacklogQueries;
import dev.northstar.backlog.readmodel.ItemSnapshot;
import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs backlog commands: load the item, check the client's If-Match, let the item decide, append the
 * events (which updates the read model and the outbox in the same transaction).
 */
@ApplicationScoped
public class BacklogItemCommands {
    private final BacklogItems items;
    private final KnownRoadmap roadmap;
    private final BacklogQueries queries;
    private final DemandSignals demand;

    public BacklogItemCommands(BacklogItems items, KnownRoadmap roadmap, BacklogQueries queries, DemandSignals demand) {
        this.items = items;
        this.roadmap = roadmap;
        this.queries = queries;
        this.demand = demand;
    }

    /** Adds an item to the backlog of a product the roadmap has announced (404 otherwise). */
    @Transactional
    public Versioned<BacklogItem> create(UUID productId, NewItem spec, EventMetadata metadata) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        RoadmapContext context = spec.initiativeId() == null ? null : initiative(productId, spec.initiativeId());
        UUID itemId = UUID.randomUUID();
        List<BacklogItemEvent> events = BacklogItem.create(itemId, productId, spec, context, UUID::randomUUID);
        return items.append(itemId, productId, null, events, metadata);
    }

    /** Applies {@code command} to the item; answers 404 for an item of another product, 412 for a stale If-Match. */
    @Transactional
    public Versioned<BacklogItem> update(UUID productId, UUID itemId, String ifMatch, EventMetadata metadata,
                                         Function<BacklogItem, List<BacklogItemEvent>> command) {
        return AggregateUpdates.update(items, productId, itemId, BacklogItem::productId, "backlog item", ifMatch, metadata,
                command);
    }

    @Transactional
    public Versioned<BacklogItem> link(UUID productId, UUID itemId, UUID initiativeId, String ifMatch, EventMetadata metadata) {
        return update(productId, itemId, ifMatch, metadata,
                item -> item.linkToInitiative(initiativeId, initiative(productId, initiativeId)));
    }

    /**
     * Recomputes the priority of every open item linked to these initiatives after a roadmap change, and records an
     * ItemReprioritized on each whose roadmap context changed, as a set: the linked items' stored states in one query
     * per initiative, their ranks before and after in one pass over the open backlog each, and all their events
     * appended in one round trip. Runs in the caller's transaction (the roadmap consumer's, with its inbox row).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reprioritizeLinkedTo(UUID productId, List<UUID> initiativeIds, PriorityCause cause, EventMetadata metadata) {
        Map<UUID, ItemSnapshot> linked = new LinkedHashMap<>();
        Map<UUID, RoadmapContext> contexts = new HashMap<>();
        Map<UUID, BigDecimal> newSortKeys = new LinkedHashMap<>();
        for (UUID initiativeId : initiativeIds) {
            RoadmapContext context = roadmap.contextOf(productId, initiativeId).orElse(null);
            if (context == null) {
                continue;
            }
            for (ItemSnapshot item : queries.openItemsLinkedToWithState(initiativeId)) {
                if (!item.item().reprioritize(context, null, null, cause).isEmpty()) {
                    linked.put(item.item().id(), item);
                    contexts.put(item.item().id(), context);
                    newSortKeys.put(item.item().id(), item.item().priorityWith(context).sortKey());
                }
            }
        }
        if (linked.isEmpty()) {
            return 0;
        }
        BacklogQueries.Reranking ranks = queries.rerank(productId, newSortKeys);
        List<EventSourcedRepository.Decision<BacklogItem, BacklogItemEvent>> decisions = new ArrayList<>(linked.size());
        int reprioritized = 0;
        for (ItemSnapshot item : linked.values()) {
            UUID id = item.item().id();
            List<BacklogItemEvent> events = item.item().reprioritize(contexts.get(id), ranks.before().get(id),
                    ranks.after().get(id), cause);
            decisions.add(new EventSourcedRepository.Decision<>(id, productId,
                    new Versioned<>(item.item(), item.version(), item.createdAt(), item.updatedAt()), events));
            reprioritized += events.size();
        }
        items.appendAll(decisions, metadata);
        return reprioritized;
    }

    /**
     * Records the new customer demand of every open item that is, or is linked to, one of the changed
     * targets: its accounts are those asking for the item plus those asking for its initiative.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int updateDemand(UUID productId, java.util.Collection<UUID> changedTargets, PriorityCause cause, EventMetadata metadata) {
        java.util.Set<UUID> affected = new java.util.LinkedHashSet<>();
        for (UUID target : changedTargets) {
            affected.addAll(queries.openItemsLinkedTo(target));
            if (queries.find(productId, target).isPresent()) {
                affected.add(target);
            }
        }
        int changed = 0;
        for (UUID itemId : affected) {
            Versioned<BacklogItem> item = items.load(itemId).orElseThrow();
            if (item.state().status() == dev.northstar.backlog.domain.ItemStatus.ACCEPTED) {
                continue;
            }
            DemandSignal signal = new DemandSignal(demand.accountsOf(itemId) + demand.accountsOf(item.state().initiativeId()));
            ItemSnapshot now = queries.find(productId, itemId).orElseThrow();
            Integer newRank = queries.rankAt(productId, itemId, item.state().priorityWith(signal).sortKey(), now.createdAt());
            List<BacklogItemEvent> events = item.state().changeDemand(signal, now.rank(), newRank, cause);
            items.append(itemId, productId, item, events, metadata);
            changed += events.size();
        }
        return changed;
    }

    private RoadmapContext initiative(UUID productId, UUID initiativeId) {
        return roadmap.contextOf(productId, initiativeId).orElseThrow(() -> ProblemException.unprocessable("initiativeId",
                "initiative " + initiativeId + " is not an initiative of this product's roadmap"));
    }
}
