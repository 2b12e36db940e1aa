package dev.northstar.roadmap.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.platform.eventstore.AggregateStateProjection;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.roadmap.domain.Competitor;
import dev.northstar.roadmap.domain.CompetitorEvent;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.InitiativeEvent;
import dev.northstar.roadmap.domain.Objective;
import dev.northstar.roadmap.domain.ObjectiveEvent;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.ProductEvent;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.ReleaseEvent;
import dev.northstar.roadmap.domain.Theme;
import dev.northstar.roadmap.domain.ThemeEvent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The roadmap's event-sourced aggregates, each a stream type published as {@code northstar.roadmap.*},
 * and their read models (the latest state of each, in {@code aggregate_states}).
 */
public class RoadmapRepositories {
    public static final String CONTEXT = "roadmap";
    public static final String PRODUCT = "product";
    public static final String THEME = "theme";
    public static final String INITIATIVE = "initiative";
    public static final String RELEASE = "release";
    public static final String OBJECTIVE = "objective";
    public static final String COMPETITOR = "competitor";

    @Produces
    @Singleton
    EventSourcedRepository<Product, ProductEvent> products(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, PRODUCT, CONTEXT, ProductEvent.class, Product::apply);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Theme, ThemeEvent> themes(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, THEME, CONTEXT, ThemeEvent.class, Theme::apply);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Initiative, InitiativeEvent> initiatives(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, INITIATIVE, CONTEXT, InitiativeEvent.class, Initiative::apply);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Release, ReleaseEvent> releases(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, RELEASE, CONTEXT, ReleaseEvent.class, Release::apply);
    }

    @Produces
    @Singleton
    Projection productStates(AggregateStates states, EventSourcedRepository<Product, ProductEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Product.class);
    }

    @Produces
    @Singleton
    Projection themeStates(AggregateStates states, EventSourcedRepository<Theme, ThemeEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Theme.class);
    }

    @Produces
    @Singleton
    Projection initiativeStates(AggregateStates states,
                                EventSourcedRepository<Initiative, InitiativeEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Initiative.class);
    }

    @Produces
    @Singleton
    Projection releaseStates(AggregateStates states, EventSourcedRepository<Release, ReleaseEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Release.class);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Objective, ObjectiveEvent> objectives(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, OBJECTIVE, CONTEXT, ObjectiveEvent.class, Objective::apply);
    }

    @Produces
    @Singleton
    Projection objectiveStates(AggregateStates states, EventSourcedRepository<Objective, ObjectiveEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Objective.class);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Competitor, CompetitorEvent> competitors(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, COMPETITOR, CONTEXT, CompetitorEvent.class, Competitor::apply);
    }

    @Produces
    @Singleton
    Projection competitorStates(AggregateStates states, EventSourcedRepository<Competitor, CompetitorEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Competitor.class);
    }
}
