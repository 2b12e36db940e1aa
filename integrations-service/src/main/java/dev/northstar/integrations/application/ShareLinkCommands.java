package dev.northstar.integrations.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.integrations.domain.ShareLink;
import dev.northstar.integrations.domain.ShareLinkEvent;
import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.eventstore.AggregateStateProjection;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Share links: made (the token is shown once, to the maker), listed and revoked; each an event-sourced stream
 * published on {@code northstar.integrations.events}, from which roadmap-service and analytics-service open them.
 */
@ApplicationScoped
public class ShareLinkCommands {
    public static final String STREAM = "share-link";
    public static final String CONTEXT = "integrations";

    /** A new link with its token (which nothing keeps). */
    public record Made(Versioned<ShareLink> link, String token) {
    }

    private final EventSourcedRepository<ShareLink, ShareLinkEvent> links;
    private final AggregateStates states;
    private final KnownProducts products;

    public ShareLinkCommands(EventSourcedRepository<ShareLink, ShareLinkEvent> links, AggregateStates states, KnownProducts products) {
        this.links = links;
        this.states = states;
        this.products = products;
    }

    @Produces
    @Singleton
    static EventSourcedRepository<ShareLink, ShareLinkEvent> repository(EventStore store, ObjectMapper json) {
        return new EventSourcedRepository<>(store, json, STREAM, CONTEXT, ShareLinkEvent.class, ShareLink::apply);
    }

    @Produces
    @Singleton
    static Projection states(AggregateStates states, EventSourcedRepository<ShareLink, ShareLinkEvent> repository) {
        return new AggregateStateProjection<>(states, repository, ShareLink.class);
    }

    @Transactional
    public Made make(UUID productId, ShareLink.Scope scope, ShareLink.Audience audience, Instant expiresAt, String description,
                     EventMetadata metadata) {
        products.require(productId);
        UUID id = UUID.randomUUID();
        String token = ShareLink.newToken();
        List<ShareLinkEvent> events = ShareLink.create(id, productId, scope, token, expiresAt, metadata.occurredAt(),
                metadata.actor(), description, audience);
        return new Made(links.append(id, productId, null, events, metadata), token);
    }

    public List<Versioned<ShareLink>> ofProduct(UUID productId) {
        products.require(productId);
        return states.ofProduct(STREAM, productId, ShareLink.class);
    }

    @Transactional
    public Versioned<ShareLink> revoke(UUID productId, UUID linkId, EventMetadata metadata) {
        return AggregateUpdates.update(links, productId, linkId, ShareLink::productId, "share link", null, metadata,
                link -> link.revoke(metadata.actor()));
    }
}
