package dev.northstar.feedback.domain;

import dev.northstar.feedback.domain.FeedbackEvent.FeedbackLinked;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackSubmitted;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackTagged;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackAnswered;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackTriaged;
import dev.northstar.feedback.domain.FeedbackEvent.FeedbackUnlinked;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** A piece of customer feedback: what was said, by whom, how it felt, and what it is about. */
public record Feedback(UUID id, UUID productId, Source source, Customer customer, String text, Integer rating,
                       Set<String> tags, String externalId, Sentiment sentiment, List<Target> links, TriageStatus status,
                       List<CompetitorMention> competitors, boolean lostDeal, List<Shipment> answeredBy) {

    /** What shipped for this feedback, oldest first (none before feedback was answered by shipments). */
    @Override
    public List<Shipment> answeredBy() {
        return answeredBy == null ? List.of() : answeredBy;
    }

    /** Feedback recorded before competitors were kept names none. */
    @Override
    public List<CompetitorMention> competitors() {
        return competitors == null ? List.of() : competitors;
    }

    public static Feedback apply(Feedback f, FeedbackEvent event) {
        return switch (event) {
            case FeedbackSubmitted e -> new Feedback(e.feedbackId(), e.productId(), e.source(), e.customer(), e.text(),
                    e.rating(), Set.copyOf(e.tags()), e.externalId(), e.sentiment(), List.of(), TriageStatus.NEW,
                    e.competitors() == null ? List.of() : e.competitors(), Boolean.TRUE.equals(e.lostDeal()), List.of());
            case FeedbackLinked e -> {
                List<Target> links = new ArrayList<>(f.links);
                links.add(e.target());
                yield new Feedback(f.id, f.productId, f.source, f.customer, f.text, f.rating, f.tags, f.externalId,
                        f.sentiment, List.copyOf(links), f.status, f.competitors, f.lostDeal, f.answeredBy);
            }
            case FeedbackUnlinked e -> new Feedback(f.id, f.productId, f.source, f.customer, f.text, f.rating, f.tags,
                    f.externalId, f.sentiment, f.links.stream().filter(t -> !t.equals(e.target())).toList(), f.status,
                    f.competitors, f.lostDeal, f.answeredBy);
            case FeedbackTriaged e -> new Feedback(f.id, f.productId, f.source, f.customer, f.text, f.rating, f.tags,
                    f.externalId, f.sentiment, f.links, e.to(), f.competitors, f.lostDeal, f.answeredBy);
            case FeedbackTagged e -> new Feedback(f.id, f.productId, f.source, f.customer, f.text, f.rating,
                    Set.copyOf(e.tags()), f.externalId, f.sentiment, f.links, f.status, f.competitors, f.lostDeal, f.answeredBy);
            case FeedbackAnswered e -> {
                List<Shipment> answers = new ArrayList<>(f.answeredBy());
                answers.add(e.shipment());
                yield new Feedback(f.id, f.productId, f.source, f.customer, f.text, f.rating, f.tags, f.externalId,
                        f.sentiment, f.links, TriageStatus.DONE, f.competitors, f.lostDeal, List.copyOf(answers));
            }
        };
    }

    /**
     * The sentiment and the competitors mentioned are found here, once, and kept on the event: replays never recompute
     * them. {@code competitors}: the product's competitors as feedback-service knows them; {@code namedCompetitor}: the one
     * the submitter names, if any.
     */
    public static List<FeedbackEvent> submit(UUID id, UUID productId, Source source, Customer customer, String text,
                                             Integer rating, Set<String> tags, String externalId, String namedCompetitor,
                                             boolean lostDeal, List<KnownCompetitor> competitors) {
        Objects.requireNonNull(source, "source");
        if (text == null || text.isBlank()) {
            throw new FeedbackRuleViolation.InvalidValue("text", "must not be blank");
        }
        if (customer == null || customer.customerId() == null || customer.customerId().isBlank()) {
            throw new FeedbackRuleViolation.InvalidValue("customerId", "must not be blank");
        }
        if (rating != null && (rating < 0 || rating > 10)) {
            throw new FeedbackRuleViolation.InvalidValue("rating", "must be an NPS rating from 0 to 10");
        }
        if (customer.accountValue() != null && customer.accountValue().compareTo(BigDecimal.ZERO) < 0) {
            throw new FeedbackRuleViolation.InvalidValue("accountValue", "must not be negative");
        }
        return List.of(new FeedbackSubmitted(id, productId, source, customer, text.strip(), rating,
                tags == null ? Set.of() : Set.copyOf(tags), externalId, Sentiment.of(text),
                KnownCompetitor.mentionsIn(text, namedCompetitor, competitors), lostDeal));
    }

    public List<FeedbackEvent> link(Target target) {
        return links.contains(target) ? List.of()
                : List.of(new FeedbackLinked(productId, target, customer.customerId(), sentiment));
    }

    public List<FeedbackEvent> unlink(Target target) {
        return links.contains(target) ? List.of(new FeedbackUnlinked(productId, target)) : List.of();
    }

    public List<FeedbackEvent> triage(TriageStatus to) {
        return to == status ? List.of() : List.of(new FeedbackTriaged(status, to));
    }

    /**
     * Something it is linked to shipped: the feedback is DONE and keeps the shipment. Feedback already DONE was
     * answered before (or closed by hand) and is left alone, so a customer hears of a request once.
     */
    public List<FeedbackEvent> answer(Shipment shipment) {
        return status == TriageStatus.DONE ? List.of() : List.of(new FeedbackAnswered(productId, shipment, status));
    }

    public List<FeedbackEvent> tag(Set<String> newTags) {
        return tags.equals(newTags) ? List.of() : List.of(new FeedbackTagged(Set.copyOf(newTags)));
    }

    /** NPS class of the rating: promoter (9-10), passive (7-8), detractor (0-6), or none. */
    public String npsClass() {
        if (rating == null) {
            return null;
        }
        return rating >= 9 ? "PROMOTER" : rating >= 7 ? "PASSIVE" : "DETRACTOR";
    }
}
