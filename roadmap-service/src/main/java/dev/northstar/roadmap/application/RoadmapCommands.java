package dev.northstar.roadmap.application;

import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.lifecycle.ProductStages;
import dev.northstar.roadmap.domain.BusinessCase;
import dev.northstar.roadmap.domain.Health;
import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.InitiativeEvent;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.ProductEvent;
import dev.northstar.roadmap.domain.ProductStage;
import dev.northstar.roadmap.domain.RankKeys;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.ReleaseEvent;
import dev.northstar.roadmap.domain.Theme;
import dev.northstar.roadmap.domain.ThemeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The product manager's commands. Each runs in one transaction: load, decide, append (read models and outbox included). */
@ApplicationScoped
public class RoadmapCommands {
    private final EventSourcedRepository<Product, ProductEvent> products;
    private final EventSourcedRepository<Theme, ThemeEvent> themes;
    private final EventSourcedRepository<Initiative, InitiativeEvent> initiatives;
    private final EventSourcedRepository<Release, ReleaseEvent> releases;
    private final AggregateStates states;
    private final RoadmapLookups lookups;
    private final ProductStages productStages;

    public RoadmapCommands(EventSourcedRepository<Product, ProductEvent> products,
                           EventSourcedRepository<Theme, ThemeEvent> themes,
                           EventSourcedRepository<Initiative, InitiativeEvent> initiatives,
                           EventSourcedRepository<Release, ReleaseEvent> releases, AggregateStates states,
                           RoadmapLookups lookups, ProductStages productStages) {
        this.products = products;
        this.themes = themes;
        this.initiatives = initiatives;
        this.releases = releases;
        this.states = states;
        this.lookups = lookups;
        this.productStages = productStages;
    }

    // ---- products ----

    @Transactional
    public Versioned<Product> createProduct(String name, String vision, String strategy, String metric, EventMetadata meta) {
        UUID id = UUID.randomUUID();
        return products.append(id, id, null, Product.create(id, name, vision, strategy, metric), meta);
    }

    @Transactional
    public Versioned<Product> updateProduct(UUID productId, String ifMatch, EventMetadata meta,
                                            Function<Product, List<ProductEvent>> command) {
        return AggregateUpdates.update(products, productId, productId, Product::id, "product", ifMatch, meta, command);
    }

    /** Moves the product to a life-cycle stage; the service's own copy of the stage (which guards writes) changes with it. */
    @Transactional
    public Versioned<Product> changeStage(UUID productId, ProductStage stage, String reason, String ifMatch, EventMetadata meta) {
        Versioned<Product> product = updateProduct(productId, ifMatch, meta, p -> p.moveTo(stage, reason));
        productStages.record(productId, product.state().stage().name(), product.state().stageReason(), meta.occurredAt());
        return product;
    }

    // ---- themes ----

    @Transactional
    public Versioned<Theme> addTheme(UUID productId, String name, String description, BigDecimal weight, EventMetadata meta) {
        lookups.requireProduct(productId);
        UUID id = UUID.randomUUID();
        return themes.append(id, productId, null, Theme.add(id, productId, name, description, weight), meta);
    }

    @Transactional
    public Versioned<Theme> updateTheme(UUID productId, UUID themeId, String ifMatch, EventMetadata meta,
                                        Function<Theme, List<ThemeEvent>> command) {
        return AggregateUpdates.update(themes, productId, themeId, Theme::productId, "theme", ifMatch, meta, command);
    }

    // ---- initiatives ----

    @Transactional
    public Versioned<Initiative> addInitiative(UUID productId, UUID themeId, String title, String description, Horizon horizon,
                                               String targetQuarter, Integer rank, String successMetric, EventMetadata meta) {
        lookups.requireProduct(productId);
        Theme theme = lookups.theme(productId, themeId);
        UUID id = UUID.randomUUID();
        double rankKey = RankKeys.at(rank == null ? Integer.MAX_VALUE : rank, rankKeysOf(productId, horizon, id));
        return initiatives.append(id, productId, null,
                Initiative.add(id, productId, theme, title, description, horizon, targetQuarter, rankKey, successMetric), meta);
    }

    @Transactional
    public Versioned<Initiative> editInitiative(UUID productId, UUID initiativeId, UUID themeId, String title,
                                                String description, String successMetric, String ifMatch, EventMetadata meta) {
        Theme newTheme = themeId == null ? null : lookups.theme(productId, themeId);
        return updateInitiative(productId, initiativeId, ifMatch, meta,
                initiative -> initiative.edit(newTheme, title, description, successMetric));
    }

    /** Moves to a horizon and a 1-based rank in it (last when no rank is given). */
    @Transactional
    public Versioned<Initiative> moveInitiative(UUID productId, UUID initiativeId, Horizon horizon, Integer rank,
                                                String targetQuarter, String ifMatch, EventMetadata meta) {
        List<Double> others = rankKeysOf(productId, horizon, initiativeId);
        double rankKey = RankKeys.at(rank == null ? Integer.MAX_VALUE : rank, others);
        return updateInitiative(productId, initiativeId, ifMatch, meta, i -> i.move(horizon, targetQuarter, rankKey));
    }

    @Transactional
    public Versioned<Initiative> changeInitiativeStatus(UUID productId, UUID initiativeId, InitiativeStatus status,
                                                        String ifMatch, EventMetadata meta) {
        return updateInitiative(productId, initiativeId, ifMatch, meta, i -> i.changeStatus(status));
    }

    @Transactional
    public Versioned<Initiative> dropInitiative(UUID productId, UUID initiativeId, String reason, String ifMatch,
                                                EventMetadata meta) {
        return updateInitiative(productId, initiativeId, ifMatch, meta, i -> i.drop(reason));
    }

    @Transactional
    public Versioned<Initiative> reportHealth(UUID productId, UUID initiativeId, Health.Status status, String text, String ifMatch,
                                              EventMetadata meta) {
        return updateInitiative(productId, initiativeId, ifMatch, meta,
                i -> i.reportHealth(status, text, meta.occurredAt(), meta.actor()));
    }

    @Transactional
    public Versioned<Initiative> makeBusinessCase(UUID productId, UUID initiativeId, BusinessCase businessCase, String ifMatch,
                                                  EventMetadata meta) {
        if (businessCase.keyResultId() != null) {
            lookups.requireKeyResult(productId, businessCase.keyResultId());
        }
        return updateInitiative(productId, initiativeId, ifMatch, meta, i -> i.makeCase(businessCase));
    }

    private Versioned<Initiative> updateInitiative(UUID productId, UUID initiativeId, String ifMatch, EventMetadata meta,
                                                   Function<Initiative, List<InitiativeEvent>> command) {
        return AggregateUpdates.update(initiatives, productId, initiativeId, Initiative::productId, "initiative", ifMatch,
                meta, command);
    }

    // ---- releases ----

    @Transactional
    public Versioned<Release> planRelease(UUID productId, String name, LocalDate targetDate, List<UUID> initiativeIds,
                                          EventMetadata meta) {
        lookups.requireProduct(productId);
        UUID id = UUID.randomUUID();
        List<ReleaseEvent> events = new ArrayList<>(Release.plan(id, productId, name, targetDate));
        Release planned = Release.apply(null, events.getFirst());
        for (UUID initiativeId : initiativeIds == null ? List.<UUID>of() : initiativeIds) {
            List<ReleaseEvent> scheduled = planned.schedule(lookups.initiative(productId, initiativeId));
            for (ReleaseEvent event : scheduled) {
                planned = Release.apply(planned, event);
            }
            events.addAll(scheduled);
        }
        return releases.append(id, productId, null, events, meta);
    }

    @Transactional
    public Versioned<Release> reschedule(UUID productId, UUID releaseId, LocalDate targetDate, String ifMatch, EventMetadata meta) {
        return updateRelease(productId, releaseId, ifMatch, meta, r -> r.reschedule(targetDate));
    }

    @Transactional
    public Versioned<Release> schedule(UUID productId, UUID releaseId, UUID initiativeId, String ifMatch, EventMetadata meta) {
        return updateRelease(productId, releaseId, ifMatch, meta, r -> r.schedule(lookups.initiative(productId, initiativeId)));
    }

    @Transactional
    public Versioned<Release> ship(UUID productId, UUID releaseId, Instant shippedAt, String ifMatch, EventMetadata meta) {
        return updateRelease(productId, releaseId, ifMatch, meta, r -> r.ship(shippedAt, meta.occurredAt()));
    }

    @Transactional
    public Versioned<Release> unschedule(UUID productId, UUID releaseId, UUID initiativeId, String ifMatch, EventMetadata meta) {
        return updateRelease(productId, releaseId, ifMatch, meta, r -> r.unschedule(initiativeId));
    }

    private Versioned<Release> updateRelease(UUID productId, UUID releaseId, String ifMatch, EventMetadata meta,
                                             Function<Release, List<ReleaseEvent>> command) {
        return AggregateUpdates.update(releases, productId, releaseId, Release::productId, "release", ifMatch, meta, command);
    }

    // ---- lookups ----

    private List<Double> rankKeysOf(UUID productId, Horizon horizon, UUID except) {
        return states.ofProduct(RoadmapRepositories.INITIATIVE, productId, Initiative.class).stream()
                .map(Versioned::state)
                .filter(i -> i.horizon() == horizon && !i.id().equals(except) && !i.status().isFinal())
                .map(Initiative::rankKey)
                .sorted(Comparator.naturalOrder())
                .toList();
    }
}
