package dev.northstar.roadmap.readmodel;

import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.BusinessCase;
import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.InitiativeEvent;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.ProductEvent;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.ReleaseEvent;
import dev.northstar.roadmap.domain.Theme;
import dev.northstar.roadmap.domain.ThemeEvent;
import dev.northstar.roadmap.readmodel.RoadmapView.HorizonView;
import dev.northstar.roadmap.readmodel.RoadmapView.InitiativeSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the roadmap now (from the read models) or as it was at an instant (by folding the product's events). */
@ApplicationScoped
public class RoadmapQueries {
    private final AggregateStates states;
    private final EventStore store;
    private final EventSourcedRepository<Product, ProductEvent> products;
    private final EventSourcedRepository<Theme, ThemeEvent> themes;
    private final EventSourcedRepository<Initiative, InitiativeEvent> initiatives;
    private final EventSourcedRepository<Release, ReleaseEvent> releases;

    public RoadmapQueries(AggregateStates states, EventStore store, EventSourcedRepository<Product, ProductEvent> products,
                          EventSourcedRepository<Theme, ThemeEvent> themes,
                          EventSourcedRepository<Initiative, InitiativeEvent> initiatives,
                          EventSourcedRepository<Release, ReleaseEvent> releases) {
        this.states = states;
        this.store = store;
        this.products = products;
        this.themes = themes;
        this.initiatives = initiatives;
        this.releases = releases;
    }

    public Optional<RoadmapView> roadmap(UUID productId, Instant asOf, RoadmapView.Order order) {
        if (asOf == null) {
            return states.find(RoadmapRepositories.PRODUCT, productId, Product.class).map(product -> view(product.state(), null, order,
                    states(RoadmapRepositories.THEME, productId, Theme.class),
                    states(RoadmapRepositories.INITIATIVE, productId, Initiative.class),
                    states(RoadmapRepositories.RELEASE, productId, Release.class)));
        }
        Map<UUID, List<StoredEvent>> streams = new LinkedHashMap<>();
        for (StoredEvent event : store.loadProductAsOf(productId, asOf)) {
            streams.computeIfAbsent(event.streamId(), id -> new ArrayList<>()).add(event);
        }
        Product product = null;
        List<Theme> themeStates = new ArrayList<>();
        List<Initiative> initiativeStates = new ArrayList<>();
        List<Release> releaseStates = new ArrayList<>();
        for (List<StoredEvent> events : streams.values()) {
            switch (events.getFirst().streamType()) {
                case RoadmapRepositories.PRODUCT -> product = fold(products, events);
                case RoadmapRepositories.THEME -> themeStates.add(fold(themes, events));
                case RoadmapRepositories.INITIATIVE -> initiativeStates.add(fold(initiatives, events));
                case RoadmapRepositories.RELEASE -> releaseStates.add(fold(releases, events));
                default -> {
                }
            }
        }
        return Optional.ofNullable(product).map(p -> view(p, asOf, order, themeStates, initiativeStates, releaseStates));
    }

    private static <S, E> S fold(EventSourcedRepository<S, E> repository, List<StoredEvent> events) {
        return repository.fold(events).orElseThrow().state();
    }

    private <S> List<S> states(String type, UUID productId, Class<S> stateType) {
        return states.ofProduct(type, productId, stateType).stream().map(Versioned::state).toList();
    }

    private static RoadmapView view(Product product, Instant asOf, RoadmapView.Order order, List<Theme> themes,
                                    List<Initiative> initiatives, List<Release> releases) {
        Map<UUID, String> themeNames = themes.stream().collect(Collectors.toMap(Theme::id, Theme::name));
        List<HorizonView> horizons = Arrays.stream(Horizon.values()).map(horizon -> {
            List<Initiative> open = initiatives.stream()
                    .filter(i -> i.horizon() == horizon && !i.status().isFinal())
                    .sorted(Comparator.comparingDouble(Initiative::rankKey).thenComparing(Initiative::id))
                    .toList();
            List<InitiativeSummary> ranked = new ArrayList<>();
            for (int r = 0; r < open.size(); r++) {
                ranked.add(summary(open.get(r), r + 1, themeNames));
            }
            if (order == RoadmapView.Order.ROI) {
                ranked.sort(Comparator.comparing(InitiativeSummary::roi, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(InitiativeSummary::rank));
            }
            return new HorizonView(horizon, ranked);
        }).toList();
        Function<InitiativeStatus, List<InitiativeSummary>> closed = status -> initiatives.stream()
                .filter(i -> i.status() == status).map(i -> summary(i, null, themeNames)).toList();
        return new RoadmapView(product, asOf, themes, horizons, closed.apply(InitiativeStatus.DONE),
                closed.apply(InitiativeStatus.DROPPED), releases);
    }

    /** The initiative with its rank among the open initiatives of its horizon (null once done or dropped). */
    public static InitiativeSummary summary(Initiative i, Integer rank, Map<UUID, String> themeNames) {
        BusinessCase businessCase = i.businessCase();
        return new InitiativeSummary(i.id(), i.title(), i.themeId(), themeNames.get(i.themeId()), i.horizon(), rank,
                i.targetQuarter(), i.status(), i.successMetric(), i.dropReason(), businessCase,
                businessCase == null ? null : businessCase.roi(), businessCase == null ? null : businessCase.paybackMonths(),
                i.health());
    }

    /** The rank an initiative has now in its horizon. */
    public Integer rankOf(Initiative initiative) {
        if (initiative.status().isFinal()) {
            return null;
        }
        List<Initiative> open = states(RoadmapRepositories.INITIATIVE, initiative.productId(), Initiative.class).stream()
                .filter(i -> i.horizon() == initiative.horizon() && !i.status().isFinal())
                .sorted(Comparator.comparingDouble(Initiative::rankKey).thenComparing(Initiative::id))
                .toList();
        for (int r = 0; r < open.size(); r++) {
            if (open.get(r).id().equals(initiative.id())) {
                return r + 1;
            }
        }
        return null;
    }
}
