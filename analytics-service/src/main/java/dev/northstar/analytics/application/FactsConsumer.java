package dev.northstar.analytics.application;

import dev.northstar.analytics.domain.Metric;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.contracts.events.CustomerKeyEvent;
import dev.northstar.contracts.events.FeedbackEvent;
import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import dev.northstar.platform.messaging.RebuildableConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import static dev.northstar.analytics.domain.Metric.BACKLOG;
import static dev.northstar.analytics.domain.Metric.COMPETITORS;
import static dev.northstar.analytics.domain.Metric.DELIVERY;
import static dev.northstar.analytics.domain.Metric.DEMAND;
import static dev.northstar.analytics.domain.Metric.FEEDBACK_VOLUME;
import static dev.northstar.analytics.domain.Metric.KEY_RESULTS;
import static dev.northstar.analytics.domain.Metric.NPS;
import static dev.northstar.analytics.domain.Metric.RELEASE_IMPACT;
import static dev.northstar.analytics.domain.Metric.ROADMAP_PROGRESS;
import static dev.northstar.analytics.domain.Metric.SENTIMENT;

/**
 * Consumes the roadmap, backlog and feedback events into facts and marks the metrics the event changed,
 * in one transaction with the event's inbox row: each event counts once, and a change is published
 * (by {@link MetricChanges}) only once its facts have committed.
 */
@ApplicationScoped
public class FactsConsumer implements RebuildableConsumer<PublishedEvent> {
    public static final String NAME = "facts";
    private static final List<Metric> WORK = List.of(DELIVERY, ROADMAP_PROGRESS);
    private static final List<Metric> INITIATIVES = List.of(ROADMAP_PROGRESS, DEMAND);
    /** The events that change no fact and no metric (their cases below yield nothing): skipped without a transaction. */
    private static final Set<Class<? extends PublishedEvent>> NO_FACTS = Set.of(
            FeedbackEvent.FeedbackTriaged.class, FeedbackEvent.FeedbackTagged.class, FeedbackEvent.FeedbackAnswered.class,
            FeedbackEvent.CustomerUpdateDue.class, RoadmapEvent.ProductCreated.class, RoadmapEvent.ProductUpdated.class, RoadmapEvent.ProductStageChanged.class,
            RoadmapEvent.ThemeAdded.class,
            RoadmapEvent.ThemeReweighted.class, RoadmapEvent.ThemeRetired.class,
            RoadmapEvent.ObjectiveLinked.class, RoadmapEvent.ObjectiveUnlinked.class, RoadmapEvent.InitiativeCompared.class,
            RoadmapEvent.ComparisonRemoved.class,
            BacklogEvent.AcceptanceCriterionAdded.class, BacklogEvent.AcceptanceCriterionEdited.class,
            BacklogEvent.AcceptanceCriterionRemoved.class, BacklogEvent.ItemEstimated.class, BacklogEvent.CostOfDelayAssessed.class,
            BacklogEvent.ItemLabelled.class, BacklogEvent.ItemDemandChanged.class, BacklogEvent.ItemReprioritized.class,
            BacklogEvent.AcceptancePolicyChanged.class, BacklogEvent.BusinessCaseScalingChanged.class, BacklogEvent.ItemPlacedInEpic.class, BacklogEvent.ItemTakenOutOfEpic.class,
            BacklogEvent.BlockerAdded.class, BacklogEvent.BlockerRemoved.class, BacklogEvent.ScoringInputsSet.class,
            BacklogEvent.ItemRescored.class);

    private final Inbox inbox;
    private final Sql facts;
    private final MetricChanges changes;

    public FactsConsumer(Inbox inbox, Sql facts, MetricChanges changes) {
        this.inbox = inbox;
        this.facts = facts;
        this.changes = changes;
    }

    @Incoming(NAME)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<PublishedEvent> accepts() {
        return PublishedEvent.class;
    }

    @Override
    public List<String> stateTables() {
        return List.of("feedback_facts", "demand_links", "vote_facts", "initiative_facts", "item_facts", "review_facts",
                "scoring_facts", "objective_facts", "key_result_facts", "measurement_facts", "competitor_facts",
                "competitor_mentions", "release_facts", "release_initiatives");
    }

    /** The rebuild's own marks are thrown away: once the new facts are in place, every metric is published anew. */
    @Override
    public List<String> scratchTables() {
        return List.of("dirty_metrics");
    }

    @Override
    public void rebuilt() {
        changes.markAllChanged();
    }

    @Override
    public boolean affects(PublishedEvent event) {
        return !NO_FACTS.contains(event.getClass()) && !(event instanceof AnalyticsEvent) && !(event instanceof IntegrationsEvent);
    }

    @Override
    public void handle(ReceivedEvent<? extends PublishedEvent> event) {
        if (event.productId() == null) {
            return;
        }
        List<Metric> changed = switch (event.payload()) {
            case FeedbackEvent e -> feedback(event, e);
            case RoadmapEvent e -> roadmap(event, e);
            case BacklogEvent e -> backlog(event, e);
            case AnalyticsEvent e -> List.of();
            case IntegrationsEvent e -> List.of();
            case CustomerKeyEvent e -> List.of();
        };
        changes.markChanged(event.productId(), changed, event);
    }

    private List<Metric> feedback(ReceivedEvent<?> event, FeedbackEvent feedback) {
        UUID subject = event.subjectId();
        return switch (feedback) {
            case FeedbackEvent.FeedbackSubmitted e -> {
                boolean lostDeal = Boolean.TRUE.equals(e.lostDeal());
                facts.update("""
                        INSERT INTO feedback_facts (feedback_id, product_id, occurred_at, rating, sentiment, customer_id, account,
                                                    account_value, lost_deal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        subject, event.productId(), Timestamp.from(event.time()), e.rating(), e.sentiment().label(),
                        customerOf(e.customer().customerRef(), e.customer().customerId()),
                        accountOf(e.customer().accountRef(), e.customer().account()), e.customer().accountValue(), lostDeal);
                List<FeedbackEvent.CompetitorMention> mentions = e.competitors() == null ? List.of() : e.competitors();
                for (FeedbackEvent.CompetitorMention mention : mentions) {
                    facts.update("""
                            INSERT INTO competitor_mentions (feedback_id, competitor_id, product_id, occurred_at, detected, lost_deal)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                            subject, mention.competitorId(), event.productId(), Timestamp.from(event.time()), mention.detected(),
                            lostDeal);
                }
                List<Metric> changed = new ArrayList<>(withKeyResults(event.productId(), FEEDBACK_VOLUME, NPS, SENTIMENT));
                if (shippedLately(event.productId())) {
                    changed.add(RELEASE_IMPACT);
                }
                if (!mentions.isEmpty() || lostDeal) {
                    changed.add(COMPETITORS);
                }
                yield changed;
            }
            case FeedbackEvent.FeedbackLinked e -> {
                facts.update("""
                        INSERT INTO demand_links (feedback_id, target_id, product_id, target_type) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", subject, e.target().id(), event.productId(), e.target().type());
                yield shippedLately(event.productId()) ? List.of(DEMAND, RELEASE_IMPACT) : List.of(DEMAND);
            }
            case FeedbackEvent.FeedbackUnlinked e -> {
                facts.update("DELETE FROM demand_links WHERE feedback_id = ? AND target_id = ?", subject, e.target().id());
                yield List.of(DEMAND);
            }
            case FeedbackEvent.VoteCast e -> {
                facts.update("""
                        INSERT INTO vote_facts (vote_id, product_id, target_type, target_id, customer_id, account, account_value, active)
                        VALUES (?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (vote_id) DO UPDATE SET active = true""",
                        subject, event.productId(), e.target().type(), e.target().id(), customerOf(e.customerRef(), e.customerId()),
                        accountOf(e.accountRef(), e.account()), e.accountValue());
                yield List.of(DEMAND);
            }
            case FeedbackEvent.VoteWithdrawn e -> {
                facts.update("UPDATE vote_facts SET active = false WHERE vote_id = ?", subject);
                yield List.of(DEMAND);
            }
            case FeedbackEvent.FeedbackTriaged e -> List.of();
            case FeedbackEvent.FeedbackTagged e -> List.of();
            case FeedbackEvent.FeedbackAnswered e -> List.of();
            case FeedbackEvent.CustomerUpdateDue e -> List.of();
        };
    }

    /**
     * Customers and accounts are counted by their refs, never by name: analytics keeps nothing an erasure would have to
     * remove. Feedback from before the refs existed names them in clear.
     */
    private static String customerOf(UUID customerRef, String customerId) {
        return customerRef == null ? customerId : customerRef.toString();
    }

    private static String accountOf(String accountRef, String account) {
        return accountRef == null ? account : accountRef;
    }

    private List<Metric> roadmap(ReceivedEvent<?> event, RoadmapEvent roadmap) {
        UUID subject = event.subjectId();
        UUID productId = event.productId();
        return switch (roadmap) {
            case RoadmapEvent.InitiativeAdded e -> {
                facts.update("""
                        INSERT INTO initiative_facts (initiative_id, product_id, title, horizon, status) VALUES (?, ?, ?, ?, 'PROPOSED')
                        ON CONFLICT DO NOTHING""", subject, productId, e.title(), e.horizon());
                yield INITIATIVES;
            }
            case RoadmapEvent.InitiativeEdited e -> {
                facts.update("UPDATE initiative_facts SET title = ? WHERE initiative_id = ?", e.title(), subject);
                yield INITIATIVES;
            }
            case RoadmapEvent.InitiativeMoved e -> {
                facts.update("UPDATE initiative_facts SET horizon = ? WHERE initiative_id = ?", e.toHorizon(), subject);
                yield INITIATIVES;
            }
            case RoadmapEvent.InitiativeStatusChanged e -> {
                facts.update("UPDATE initiative_facts SET status = ? WHERE initiative_id = ?", e.to(), subject);
                yield INITIATIVES;
            }
            case RoadmapEvent.InitiativeDropped e -> {
                facts.update("UPDATE initiative_facts SET status = 'DROPPED' WHERE initiative_id = ?", subject);
                yield INITIATIVES;
            }
            case RoadmapEvent.BusinessCaseSet e -> {
                facts.update("""
                        UPDATE initiative_facts SET cost = ?, cost_unit = ?, value_kind = ?, confidence = ?, risk_adjusted_value = ?,
                            roi = ?, payback_months = ?
                        WHERE initiative_id = ?""",
                        e.businessCase().cost(), e.businessCase().costUnit(), e.businessCase().valueKind(),
                        e.businessCase().confidence(), e.riskAdjustedValue(), e.roi(), e.paybackMonths(), subject);
                yield List.of(ROADMAP_PROGRESS);
            }
            case RoadmapEvent.ObjectiveSet e -> {
                facts.update("""
                        INSERT INTO objective_facts (objective_id, product_id, title, period) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", subject, productId, e.title(), e.period());
                e.keyResults().forEach(keyResult -> keyResult(event, subject, keyResult));
                yield List.of(KEY_RESULTS);
            }
            case RoadmapEvent.ObjectiveEdited e -> {
                facts.update("UPDATE objective_facts SET title = ?, period = ? WHERE objective_id = ?", e.title(), e.period(), subject);
                yield List.of(KEY_RESULTS);
            }
            case RoadmapEvent.KeyResultAdded e -> {
                keyResult(event, subject, e.keyResult());
                yield List.of(KEY_RESULTS);
            }
            case RoadmapEvent.KeyResultRevised e -> {
                keyResult(event, subject, e.keyResult());
                yield List.of(KEY_RESULTS);
            }
            case RoadmapEvent.KeyResultRemoved e -> {
                facts.update("UPDATE key_result_facts SET removed_at = ? WHERE key_result_id = ? AND removed_at IS NULL",
                        Timestamp.from(event.time()), e.keyResultId());
                yield List.of(KEY_RESULTS);
            }
            case RoadmapEvent.KeyResultMeasured e -> {
                facts.update("""
                        INSERT INTO measurement_facts (measurement_id, key_result_id, product_id, value, measured_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        event.id(), e.keyResultId(), productId, e.value(), Timestamp.from(e.at()));
                yield shippedLately(productId) ? List.of(KEY_RESULTS, RELEASE_IMPACT) : List.of(KEY_RESULTS);
            }
            case RoadmapEvent.CompetitorAdded e -> competitor(subject, productId, e.name());
            case RoadmapEvent.CompetitorEdited e -> competitor(subject, productId, e.name());
            case RoadmapEvent.InitiativeHealthReported e -> {
                facts.update("UPDATE initiative_facts SET health_status = ?, health_text = ?, health_reported_at = ? WHERE initiative_id = ?",
                        e.status(), e.text(), Timestamp.from(e.reportedAt()), subject);
                yield List.of(ROADMAP_PROGRESS);
            }
            case RoadmapEvent.InitiativeCompared e -> List.of();
            case RoadmapEvent.ComparisonRemoved e -> List.of();
            case RoadmapEvent.ObjectiveLinked e -> List.of();
            case RoadmapEvent.ObjectiveUnlinked e -> List.of();
            case RoadmapEvent.ProductCreated e -> List.of();
            case RoadmapEvent.ProductUpdated e -> List.of();
            case RoadmapEvent.ProductStageChanged e -> List.of();
            case RoadmapEvent.ThemeAdded e -> List.of();
            case RoadmapEvent.ThemeReweighted e -> List.of();
            case RoadmapEvent.ThemeRetired e -> List.of();
            case RoadmapEvent.ReleasePlanned e -> {
                facts.update("""
                        INSERT INTO release_facts (release_id, product_id, name, target_date) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", subject, productId, e.name(), e.targetDate() == null ? null : Date.valueOf(e.targetDate()));
                yield List.of();
            }
            case RoadmapEvent.ReleaseRescheduled e -> {
                facts.update("UPDATE release_facts SET target_date = ? WHERE release_id = ?", Date.valueOf(e.to()), subject);
                yield List.of();
            }
            case RoadmapEvent.InitiativeScheduled e -> {
                facts.update("INSERT INTO release_initiatives (release_id, initiative_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        subject, e.initiativeId());
                yield List.of();
            }
            case RoadmapEvent.InitiativeUnscheduled e -> {
                facts.update("DELETE FROM release_initiatives WHERE release_id = ? AND initiative_id = ?", subject, e.initiativeId());
                yield List.of();
            }
            case RoadmapEvent.ReleaseShipped e -> {
                facts.update("UPDATE release_facts SET shipped_at = ? WHERE release_id = ?", Timestamp.from(e.shippedAt()), subject);
                facts.update("DELETE FROM release_initiatives WHERE release_id = ?", subject);
                for (UUID initiative : e.initiativeIds()) {
                    facts.update("INSERT INTO release_initiatives (release_id, initiative_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            subject, initiative);
                }
                yield List.of(RELEASE_IMPACT);
            }
        };
    }

    private List<Metric> backlog(ReceivedEvent<?> event, BacklogEvent backlog) {
        UUID item = event.subjectId();
        return switch (backlog) {
            case BacklogEvent.ItemCreated e -> {
                facts.update("""
                        INSERT INTO item_facts (item_id, product_id, title, status, created_at) VALUES (?, ?, ?, 'NEW', ?)
                        ON CONFLICT DO NOTHING""", item, event.productId(), e.title(), Timestamp.from(event.time()));
                yield WORK;
            }
            case BacklogEvent.ItemDetailsEdited e -> {
                facts.update("UPDATE item_facts SET title = ? WHERE item_id = ?", e.title(), item);
                yield List.of(DEMAND, BACKLOG);
            }
            case BacklogEvent.ItemLinkedToInitiative e -> {
                facts.update("UPDATE item_facts SET initiative_id = ? WHERE item_id = ?", e.initiativeId(), item);
                yield WORK;
            }
            case BacklogEvent.ItemUnlinkedFromInitiative e -> {
                facts.update("UPDATE item_facts SET initiative_id = NULL WHERE item_id = ?", item);
                yield WORK;
            }
            case BacklogEvent.ItemMadeReady e -> status(item, "READY");
            case BacklogEvent.WorkPaused e -> status(item, "READY");
            case BacklogEvent.ItemReturnedToNew e -> status(item, "NEW");
            case BacklogEvent.WorkStarted e -> status(item, "IN_PROGRESS");
            case BacklogEvent.ItemRejected e -> {
                review(event, item, "REJECTED");
                yield status(item, "IN_PROGRESS");
            }
            case BacklogEvent.WorkFinished e -> status(item, "DONE");
            case BacklogEvent.ItemAccepted e -> {
                facts.update("UPDATE item_facts SET status = 'ACCEPTED', accepted_at = ? WHERE item_id = ?",
                        Timestamp.from(event.time()), item);
                review(event, item, "ACCEPTED");
                yield withKeyResults(event.productId(), DELIVERY, ROADMAP_PROGRESS, BACKLOG);
            }
            case BacklogEvent.ItemDiscarded e -> {
                facts.update("""
                        UPDATE item_facts SET status = 'DISCARDED', pinned_at = NULL, pinned_by = NULL, pin_reason = NULL
                        WHERE item_id = ?""", item);
                yield List.of(DELIVERY, ROADMAP_PROGRESS, DEMAND, BACKLOG);
            }
            case BacklogEvent.ItemRestored e -> {
                facts.update("UPDATE item_facts SET status = 'NEW' WHERE item_id = ?", item);
                yield List.of(DELIVERY, ROADMAP_PROGRESS, DEMAND);
            }
            case BacklogEvent.ItemPinned e -> {
                facts.update("UPDATE item_facts SET pinned_at = ?, pinned_by = ?, pin_reason = ? WHERE item_id = ?",
                        Timestamp.from(event.time()), e.pinnedBy(), e.reason(), item);
                yield List.of(BACKLOG);
            }
            case BacklogEvent.ItemUnpinned e -> {
                facts.update("UPDATE item_facts SET pinned_at = NULL, pinned_by = NULL, pin_reason = NULL WHERE item_id = ?", item);
                yield List.of(BACKLOG);
            }
            case BacklogEvent.ScoringModelChanged e -> {
                facts.update("""
                        INSERT INTO scoring_facts (product_id, model) VALUES (?, ?)
                        ON CONFLICT (product_id) DO UPDATE SET model = excluded.model""", event.productId(), e.model().kind());
                yield List.of(BACKLOG);
            }
            case BacklogEvent.ScoringInputsSet e -> List.of();
            case BacklogEvent.ItemRescored e -> List.of();
            case BacklogEvent.AcceptancePolicyChanged e -> List.of();
            case BacklogEvent.BusinessCaseScalingChanged e -> List.of();
            case BacklogEvent.ItemPlacedInEpic e -> List.of();
            case BacklogEvent.ItemTakenOutOfEpic e -> List.of();
            case BacklogEvent.BlockerAdded e -> List.of();
            case BacklogEvent.BlockerRemoved e -> List.of();
            case BacklogEvent.AcceptanceCriterionAdded e -> List.of();
            case BacklogEvent.AcceptanceCriterionEdited e -> List.of();
            case BacklogEvent.AcceptanceCriterionRemoved e -> List.of();
            case BacklogEvent.ItemEstimated e -> List.of();
            case BacklogEvent.CostOfDelayAssessed e -> List.of();
            case BacklogEvent.ItemLabelled e -> List.of();
            case BacklogEvent.ItemDemandChanged e -> List.of();
            case BacklogEvent.ItemReprioritized e -> List.of();
        };
    }

    private List<Metric> competitor(UUID competitorId, UUID productId, String name) {
        facts.update("""
                INSERT INTO competitor_facts (competitor_id, product_id, name) VALUES (?, ?, ?)
                ON CONFLICT (competitor_id) DO UPDATE SET name = excluded.name""", competitorId, productId, name);
        return List.of(COMPETITORS);
    }

    /** A key result as it is now (defined when first seen). */
    private void keyResult(ReceivedEvent<?> event, UUID objectiveId, RoadmapEvent.KeyResult k) {
        facts.update("""
                INSERT INTO key_result_facts (key_result_id, objective_id, product_id, metric, source, unit, baseline, target,
                                              due_date, north_star, defined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key_result_id) DO UPDATE SET unit = excluded.unit, baseline = excluded.baseline,
                    target = excluded.target, due_date = excluded.due_date, north_star = excluded.north_star""",
                k.id(), objectiveId, event.productId(), k.metric(), k.source(), k.unit(), k.baseline(), k.target(),
                Date.valueOf(k.dueDate()), k.northStar(), Timestamp.from(event.time()));
    }

    /** Whether the product shipped a release in the last 31 days: its before/after comparison is still filling. */
    private boolean shippedLately(UUID productId) {
        return !facts.query("""
                SELECT 1 FROM release_facts WHERE product_id = ? AND shipped_at > now() - interval '31 days' LIMIT 1""",
                rs -> 1, productId).isEmpty();
    }

    /**
     * The metrics a feedback or delivery event changes, with keyResults when a key result of the product reads a metric
     * analytics computes (one indexed probe; products without such key results publish nothing more).
     */
    private List<Metric> withKeyResults(UUID productId, Metric... changed) {
        boolean computed = !facts.query("""
                SELECT 1 FROM key_result_facts WHERE product_id = ? AND source = 'ANALYTICS' AND removed_at IS NULL LIMIT 1""",
                rs -> 1, productId).isEmpty();
        List<Metric> metrics = new ArrayList<>(List.of(changed));
        if (computed) {
            metrics.add(KEY_RESULTS);
        }
        return metrics;
    }

    private void review(ReceivedEvent<?> event, UUID item, String outcome) {
        facts.update("""
                INSERT INTO review_facts (review_id, product_id, item_id, outcome, reviewed_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", event.id(), event.productId(), item, outcome, Timestamp.from(event.time()));
    }

    private List<Metric> status(UUID item, String status) {
        facts.update("UPDATE item_facts SET status = ? WHERE item_id = ?", status, item);
        return WORK;
    }
}
