package dev.northstar.roadmap.application;

import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.KeyResult;
import dev.northstar.roadmap.domain.Objective;
import dev.northstar.roadmap.domain.Objective.NorthStarElsewhere;
import dev.northstar.roadmap.domain.ObjectiveEvent;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultMeasured;
import dev.northstar.roadmap.domain.Theme;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Objectives and key results: set, revise, link, measure. Each command runs in one transaction. */
@ApplicationScoped
public class ObjectiveCommands {
    private final EventSourcedRepository<Objective, ObjectiveEvent> objectives;
    private final AggregateStates states;
    private final RoadmapLookups lookups;

    public ObjectiveCommands(EventSourcedRepository<Objective, ObjectiveEvent> objectives, AggregateStates states,
                             RoadmapLookups lookups) {
        this.objectives = objectives;
        this.states = states;
        this.lookups = lookups;
    }

    @Transactional
    public Versioned<Objective> set(UUID productId, String title, String period, List<KeyResult.Draft> keyResults,
                                    List<UUID> themeIds, List<UUID> initiativeIds, EventMetadata meta) {
        lookups.requireProduct(productId);
        UUID id = UUID.randomUUID();
        List<Theme> themes = (themeIds == null ? List.<UUID>of() : themeIds).stream()
                .map(themeId -> lookups.theme(productId, themeId)).toList();
        List<Initiative> initiatives = (initiativeIds == null ? List.<UUID>of() : initiativeIds).stream()
                .map(initiativeId -> lookups.initiative(productId, initiativeId)).toList();
        boolean marksNorthStar = keyResults != null && keyResults.stream().anyMatch(k -> Boolean.TRUE.equals(k.northStar()));
        return objectives.append(id, productId, null, Objective.set(id, productId, title, period, keyResults, themes,
                initiatives, marksNorthStar ? northStarElsewhere(productId, id) : null, UUID::randomUUID), meta);
    }

    @Transactional
    public Versioned<Objective> edit(UUID productId, UUID objectiveId, String title, String period, String ifMatch,
                                     EventMetadata meta) {
        return update(productId, objectiveId, ifMatch, meta, o -> o.edit(title, period));
    }

    @Transactional
    public Versioned<Objective> addKeyResult(UUID productId, UUID objectiveId, KeyResult.Draft draft, String ifMatch,
                                             EventMetadata meta) {
        NorthStarElsewhere northStar = Boolean.TRUE.equals(draft.northStar()) ? northStarElsewhere(productId, objectiveId) : null;
        return update(productId, objectiveId, ifMatch, meta, o -> o.addKeyResult(UUID.randomUUID(), draft, northStar));
    }

    @Transactional
    public Versioned<Objective> reviseKeyResult(UUID productId, UUID keyResultId, KeyResult.Draft changes, String ifMatch,
                                                EventMetadata meta) {
        UUID objectiveId = objectiveOf(productId, keyResultId);
        NorthStarElsewhere northStar = Boolean.TRUE.equals(changes.northStar()) ? northStarElsewhere(productId, objectiveId) : null;
        return update(productId, objectiveId, ifMatch, meta, o -> o.reviseKeyResult(keyResultId, changes, northStar));
    }

    @Transactional
    public Versioned<Objective> removeKeyResult(UUID productId, UUID keyResultId, String ifMatch, EventMetadata meta) {
        return update(productId, objectiveOf(productId, keyResultId), ifMatch, meta, o -> o.removeKeyResult(keyResultId));
    }

    /** A measurement as recorded, with the version of the objective it went into. */
    public record Measured(UUID objectiveId, int version, KeyResultMeasured measurement) {
    }

    /** Measurements take no If-Match: tools report them concurrently, and each one is a fact of its own. */
    @Transactional
    public Measured measure(UUID productId, UUID keyResultId, BigDecimal value, Instant at, EventMetadata meta) {
        List<KeyResultMeasured> recorded = new ArrayList<>();
        Versioned<Objective> objective = update(productId, objectiveOf(productId, keyResultId), null, meta, o -> {
            List<ObjectiveEvent> events = o.measure(keyResultId, value, at, Instant.now());
            events.forEach(e -> recorded.add((KeyResultMeasured) e));
            return events;
        });
        return new Measured(objective.state().id(), objective.version(), recorded.getFirst());
    }

    @Transactional
    public Versioned<Objective> linkTheme(UUID productId, UUID objectiveId, UUID themeId, String ifMatch, EventMetadata meta) {
        Theme theme = lookups.theme(productId, themeId);
        return update(productId, objectiveId, ifMatch, meta, o -> o.link(theme));
    }

    @Transactional
    public Versioned<Objective> linkInitiative(UUID productId, UUID objectiveId, UUID initiativeId, String ifMatch,
                                               EventMetadata meta) {
        Initiative initiative = lookups.initiative(productId, initiativeId);
        return update(productId, objectiveId, ifMatch, meta, o -> o.link(initiative));
    }

    @Transactional
    public Versioned<Objective> unlink(UUID productId, UUID objectiveId, Objective.Serving targetType, UUID targetId, String ifMatch,
                                       EventMetadata meta) {
        return update(productId, objectiveId, ifMatch, meta, o -> o.unlink(targetType, targetId));
    }

    /** The objective holding the product's key result; 404 when none does. */
    public UUID objectiveOf(UUID productId, UUID keyResultId) {
        return states.ofProduct(RoadmapRepositories.OBJECTIVE, productId, Objective.class).stream()
                .map(Versioned::state)
                .filter(o -> o.hasKeyResult(keyResultId))
                .map(Objective::id)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("key result " + keyResultId));
    }

    /**
     * The product's north-star key result in an objective other than {@code except}, read under a per-product lock
     * held until the transaction ends, so that two requests marking a north star at once cannot both succeed.
     */
    private NorthStarElsewhere northStarElsewhere(UUID productId, UUID except) {
        lookups.lock("north-star", productId);
        return states.ofProduct(RoadmapRepositories.OBJECTIVE, productId, Objective.class).stream()
                .map(Versioned::state)
                .filter(o -> !o.id().equals(except))
                .flatMap(o -> o.keyResults().stream().filter(KeyResult::northStar)
                        .map(k -> new NorthStarElsewhere(o.id(), o.title(), k.metric())))
                .findFirst().orElse(null);
    }

    private Versioned<Objective> update(UUID productId, UUID objectiveId, String ifMatch, EventMetadata meta,
                                        Function<Objective, List<ObjectiveEvent>> command) {
        return AggregateUpdates.update(objectives, productId, objectiveId, Objective::productId, "objective", ifMatch, meta,
                command);
    }
}
