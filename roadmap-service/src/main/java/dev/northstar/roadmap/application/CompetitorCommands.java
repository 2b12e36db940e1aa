package dev.northstar.roadmap.application;

import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.domain.Competitor;
import dev.northstar.roadmap.domain.CompetitorEvent;
import dev.northstar.roadmap.domain.Initiative;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** A product's competitors and how its initiatives compare with them. Each command runs in one transaction. */
@ApplicationScoped
public class CompetitorCommands {
    private final EventSourcedRepository<Competitor, CompetitorEvent> competitors;
    private final AggregateStates states;
    private final RoadmapLookups lookups;

    public CompetitorCommands(EventSourcedRepository<Competitor, CompetitorEvent> competitors, AggregateStates states,
                              RoadmapLookups lookups) {
        this.competitors = competitors;
        this.states = states;
        this.lookups = lookups;
    }

    @Transactional
    public Versioned<Competitor> add(UUID productId, Competitor.Profile profile, EventMetadata meta) {
        lookups.requireProduct(productId);
        UUID id = UUID.randomUUID();
        return competitors.append(id, productId, null, Competitor.add(id, productId, profile, keywordsTaken(productId, id)), meta);
    }

    @Transactional
    public Versioned<Competitor> edit(UUID productId, UUID competitorId, Competitor.Profile changes, String ifMatch,
                                      EventMetadata meta) {
        List<String> taken = keywordsTaken(productId, competitorId);
        return update(productId, competitorId, ifMatch, meta, c -> c.edit(changes, taken));
    }

    @Transactional
    public Versioned<Competitor> compare(UUID productId, UUID competitorId, UUID initiativeId, Competitor.Position position,
                                         String note, String ifMatch, EventMetadata meta) {
        Initiative initiative = lookups.initiative(productId, initiativeId);
        return update(productId, competitorId, ifMatch, meta, c -> c.compare(initiative, position, note));
    }

    @Transactional
    public Versioned<Competitor> removeComparison(UUID productId, UUID competitorId, UUID initiativeId, String ifMatch,
                                                  EventMetadata meta) {
        return update(productId, competitorId, ifMatch, meta, c -> c.removeComparison(initiativeId));
    }

    /**
     * The names and keywords of the product's other competitors, read under a per-product lock held until the
     * transaction ends, so that two competitors cannot claim one keyword at once (a mention must name one competitor).
     */
    private List<String> keywordsTaken(UUID productId, UUID except) {
        lookups.lock("competitor-keywords", productId);
        return states.ofProduct(RoadmapRepositories.COMPETITOR, productId, Competitor.class).stream()
                .map(Versioned::state)
                .filter(c -> !c.id().equals(except))
                .flatMap(c -> c.keywords().stream())
                .toList();
    }

    private Versioned<Competitor> update(UUID productId, UUID competitorId, String ifMatch, EventMetadata meta,
                                         Function<Competitor, List<CompetitorEvent>> command) {
        return AggregateUpdates.update(competitors, productId, competitorId, Competitor::productId, "competitor", ifMatch, meta,
                command);
    }
}
