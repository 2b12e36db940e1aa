package dev.northstar.backlog.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.domain.AcceptancePolicy;
import dev.northstar.backlog.domain.BacklogSettings;
import dev.northstar.backlog.domain.BacklogSettingsEvent;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A product's backlog settings, event-sourced like the items (stream type {@code backlog-settings}, one stream per
 * product, its id the product's): read for the rules that depend on them, changed by the product owner.
 */
@ApplicationScoped
public class BacklogSettingsCommands {
    public static final String STREAM_TYPE = "backlog-settings";

    private final EventSourcedRepository<BacklogSettings, BacklogSettingsEvent> settings;
    private final KnownRoadmap roadmap;

    private final EventStore store;

    public BacklogSettingsCommands(EventSourcedRepository<BacklogSettings, BacklogSettingsEvent> settings, KnownRoadmap roadmap,
                                   EventStore store) {
        this.settings = settings;
        this.roadmap = roadmap;
        this.store = store;
    }

    /** The product's settings with their version; version 0 and the defaults when nobody changed them yet. */
    public Versioned<BacklogSettings> of(UUID productId) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        return settings.load(productId).orElseGet(() -> new Versioned<>(BacklogSettings.defaults(productId), 0,
                Instant.EPOCH, Instant.EPOCH));
    }

    /** The model the product scores its backlog by (WSJF until the product owner chooses another). */
    public ScoringModel scoringModel(UUID productId) {
        return settings.load(productId).map(current -> current.state().scoring()).orElse(ScoringModel.WSJF);
    }

    /**
     * Chooses the product's scoring model; 412 for a stale If-Match. Answers the settings, and the ScoringModelChanged
     * it recorded as a priority cause (null when the model was already in force).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SettingsChange setScoringModel(UUID productId, ScoringModel model, String ifMatch, EventMetadata metadata) {
        Versioned<BacklogSettings> current = of(productId);
        Versioned<BacklogSettings> changed = change(current, ifMatch, metadata, current.state().changeScoringModel(model));
        if (changed == current) {
            return new SettingsChange(current, null);
        }
        StoredEvent recorded = store.load(productId).getLast();
        return new SettingsChange(changed, new PriorityCause(recorded.eventId(), settings.types().cloudEventTypeOf(recorded.eventType())));
    }

    /** The settings after a change, and the event that changes priorities (null: none did). */
    public record SettingsChange(Versioned<BacklogSettings> settings, PriorityCause cause) {
    }

    public AcceptancePolicy acceptancePolicy(UUID productId) {
        return settings.load(productId).map(current -> current.state().acceptance()).orElse(AcceptancePolicy.DEFAULT);
    }

    /**
     * Changes who may accept work and whether business cases scale priority (null: as it is), in one change; 412 for a
     * stale If-Match (version 0 before any change). Answers the settings, and the BusinessCaseScalingChanged it recorded as
     * a priority cause (null when that setting stayed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SettingsChange change(UUID productId, Boolean allowSelfAcceptance, Boolean businessCaseScaling, String ifMatch,
                              EventMetadata metadata) {
        Versioned<BacklogSettings> current = of(productId);
        List<BacklogSettingsEvent> events = new ArrayList<>();
        if (allowSelfAcceptance != null) {
            events.addAll(current.state().changeAcceptancePolicy(new AcceptancePolicy(allowSelfAcceptance)));
        }
        List<BacklogSettingsEvent> scaling = businessCaseScaling == null ? List.of()
                : current.state().scaleByBusinessCases(businessCaseScaling);
        events.addAll(scaling);
        Versioned<BacklogSettings> changed = change(current, ifMatch, metadata, events);
        if (scaling.isEmpty()) {
            return new SettingsChange(changed, null);
        }
        StoredEvent recorded = store.load(productId).getLast();
        return new SettingsChange(changed, new PriorityCause(recorded.eventId(), settings.types().cloudEventTypeOf(recorded.eventType())));
    }

    /** Sets who may accept work; 412 for a stale If-Match (version 0 before any change). */
    @Transactional
    public Versioned<BacklogSettings> setAcceptancePolicy(UUID productId, AcceptancePolicy policy, String ifMatch,
                                                          EventMetadata metadata) {
        Versioned<BacklogSettings> current = of(productId);
        return change(current, ifMatch, metadata, current.state().changeAcceptancePolicy(policy));
    }

    /**
     * Appends a change the settings decided, if the client's If-Match names their version (0 before any change): the
     * settings after it, or {@code current} itself when the change records nothing.
     */
    private Versioned<BacklogSettings> change(Versioned<BacklogSettings> current, String ifMatch, EventMetadata metadata,
                                              List<BacklogSettingsEvent> events) {
        Versions.check(ifMatch, current.version());
        UUID productId = current.state().productId();
        Versioned<BacklogSettings> changed = settings.append(productId, productId, current.version() == 0 ? null : current,
                events, metadata);
        return changed == null ? current : changed;
    }

    /** The repository of the settings; they are read from their few events, with no read model. */
    static class Repository {
        @Produces
        @Singleton
        EventSourcedRepository<BacklogSettings, BacklogSettingsEvent> settings(EventStore store, ObjectMapper json) {
            return new EventSourcedRepository<>(store, json, STREAM_TYPE, BacklogItems.CONTEXT, BacklogSettingsEvent.class,
                    BacklogSettings::apply);
        }
    }
}
