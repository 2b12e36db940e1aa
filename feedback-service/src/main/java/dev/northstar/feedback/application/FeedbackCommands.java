package dev.northstar.feedback.application;

import dev.northstar.feedback.domain.Customer;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.Source;
import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.Vote;
import dev.northstar.feedback.domain.VoteEvent;
import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.eventstore.ConcurrencyConflict;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Feedback and vote commands; each in one transaction with its read-model rows and outbox rows. */
@ApplicationScoped
public class FeedbackCommands {
    private final EventSourcedRepository<Feedback, FeedbackEvent> feedback;
    private final EventSourcedRepository<Vote, VoteEvent> votes;
    private final KnownTargets targets;
    private final CustomerKeys customers;

    public FeedbackCommands(EventSourcedRepository<Feedback, FeedbackEvent> feedback,
                            EventSourcedRepository<Vote, VoteEvent> votes, KnownTargets targets, CustomerKeys customers) {
        this.feedback = feedback;
        this.votes = votes;
        this.targets = targets;
        this.customers = customers;
    }

    public record NewFeedback(Source source, Customer customer, String text, Integer rating, Set<String> tags,
                              String externalId, String competitor, boolean lostDeal) {
    }

    /** The feedback and whether it was already there (same external id): one feedback, not two. */
    public record Submitted(Versioned<Feedback> feedback, boolean duplicate) {
    }

    /**
     * Submits feedback. With an external id the feedback's id is derived from (product, external id),
     * so the same external id twice finds the first one, even when both arrive at once.
     */
    public Submitted submit(UUID productId, NewFeedback spec, EventMetadata metadata) {
        if (!targets.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        UUID id = spec.externalId() == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((productId + "/" + spec.externalId()).getBytes(StandardCharsets.UTF_8));
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                var existing = feedback.load(id);
                if (existing.isPresent()) {
                    return new Submitted(existing.get(), true);
                }
                return new Submitted(feedback.append(id, productId, null, Feedback.submit(id, productId, spec.source(),
                        spec.customer(), spec.text(), spec.rating(), spec.tags(), spec.externalId(), spec.competitor(),
                        spec.lostDeal(), targets.competitors(productId)), metadata), false);
            });
        } catch (ConcurrencyConflict e) {
            return new Submitted(feedback.load(id).orElseThrow(), true);
        }
    }

    @Transactional
    public Versioned<Feedback> update(UUID productId, UUID feedbackId, String ifMatch, EventMetadata metadata,
                                      Function<Feedback, List<FeedbackEvent>> command) {
        return AggregateUpdates.update(feedback, productId, feedbackId, Feedback::productId, "feedback", ifMatch, metadata, command);
    }

    @Transactional
    public Versioned<Feedback> link(UUID productId, UUID feedbackId, Target target, String ifMatch, EventMetadata metadata) {
        requireKnown(productId, target);
        return update(productId, feedbackId, ifMatch, metadata, f -> f.link(target));
    }

    @Transactional
    public Versioned<Vote> vote(UUID productId, Target target, String customerId, String account, BigDecimal accountValue,
                                EventMetadata metadata) {
        requireKnown(productId, target);
        UUID id = Vote.idOf(productId, target, customers.keyFor(productId, customerId).ref());
        Versioned<Vote> existing = votes.load(id).orElse(null);
        List<VoteEvent> events = Vote.cast(existing == null ? null : existing.state(), id, productId, target, customerId,
                account, accountValue);
        return votes.append(id, productId, existing, events, metadata);
    }

    @Transactional
    public Versioned<Vote> withdraw(UUID productId, Target target, String customerId, EventMetadata metadata) {
        UUID ref = customers.refOf(productId, customerId)
                .orElseThrow(() -> ProblemException.notFound("vote of customer " + customerId + " for " + target.type() + " " + target.id()));
        UUID id = Vote.idOf(productId, target, ref);
        return AggregateUpdates.update(votes, productId, id, Vote::productId, "vote", null, metadata, Vote::withdraw);
    }

    private void requireKnown(UUID productId, Target target) {
        if (!targets.has(productId, target)) {
            throw ProblemException.unprocessable("target", target.type() + " " + target.id()
                    + " is not one this product's roadmap or backlog has announced");
        }
    }
}
