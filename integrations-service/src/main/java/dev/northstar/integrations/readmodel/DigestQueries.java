package dev.northstar.integrations.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.contracts.events.FeedbackEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The digest of a product's period, computed from the events integrations-service keeps (every event of every
 * topic), so any period can be asked for, and asking twice gives the same answer.
 */
@ApplicationScoped
public class DigestQueries {
    private static final int MAX_PRIORITY_CHANGES = 20;
    private static final List<Class<? extends PublishedEvent>> WHAT_HAPPENED = List.of(RoadmapEvent.InitiativeMoved.class,
            RoadmapEvent.InitiativeStatusChanged.class, RoadmapEvent.InitiativeDropped.class,
            RoadmapEvent.InitiativeHealthReported.class, RoadmapEvent.ReleaseShipped.class, BacklogEvent.ItemAccepted.class,
            BacklogEvent.ItemReprioritized.class, BacklogEvent.ItemRescored.class, FeedbackEvent.FeedbackSubmitted.class,
            FeedbackEvent.FeedbackAnswered.class, FeedbackEvent.CustomerUpdateDue.class);
    /** The events that name initiatives, items and releases. */
    private static final List<Class<? extends PublishedEvent>> NAMING = List.of(RoadmapEvent.InitiativeAdded.class,
            RoadmapEvent.InitiativeEdited.class, BacklogEvent.ItemCreated.class, BacklogEvent.ItemDetailsEdited.class,
            RoadmapEvent.ReleasePlanned.class);

    private record Happened(String subject, Instant at, String by, PublishedEvent event) {
    }

    private final Sql sql;
    private final ObjectMapper json;

    public DigestQueries(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Digest of(UUID productId, Instant since, Instant until) {
        List<Happened> happened = sql.query("""
                        SELECT type, subject, time, actor, data FROM webhook_events
                        WHERE product_id = ? AND time >= ? AND time < ? AND type = ANY (?) ORDER BY time, position""",
                rs -> new Happened(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), read(rs.getString(1), rs.getString(5))),
                productId, Timestamp.from(since), Timestamp.from(until), types(WHAT_HAPPENED));
        Set<String> named = new LinkedHashSet<>();
        happened.forEach(h -> named.add(h.subject()));
        happened.stream().filter(h -> h.event() instanceof RoadmapEvent.ReleaseShipped)
                .flatMap(h -> ((RoadmapEvent.ReleaseShipped) h.event()).initiativeIds().stream()).forEach(id -> named.add(id.toString()));
        Map<String, String> titles = titles(productId, named, until);

        List<Digest.Moved> moved = new ArrayList<>();
        List<Digest.Shipped> shipped = new ArrayList<>();
        List<Digest.StatusChange> statusChanges = new ArrayList<>();
        List<Digest.HealthReport> health = new ArrayList<>();
        Map<String, List<Happened>> reprioritized = new LinkedHashMap<>();
        long received = 0;
        long answered = 0;
        long updates = 0;
        for (Happened h : happened) {
            UUID subject = UUID.fromString(h.subject());
            String title = titles.get(h.subject());
            switch (h.event()) {
                case RoadmapEvent.InitiativeMoved e -> moved.add(new Digest.Moved(subject, title, e.fromHorizon(), e.toHorizon(),
                        e.targetQuarter(), h.at(), h.by()));
                case RoadmapEvent.InitiativeStatusChanged e -> {
                    statusChanges.add(new Digest.StatusChange(subject, title, e.from(), e.to(), null, h.at(), h.by()));
                    if ("DONE".equals(e.to())) {
                        shipped.add(new Digest.Shipped("INITIATIVE", subject, title, h.at(), h.by()));
                    }
                }
                case RoadmapEvent.InitiativeDropped e -> statusChanges.add(new Digest.StatusChange(subject, title, e.from(), "DROPPED",
                        e.reason(), h.at(), h.by()));
                case RoadmapEvent.InitiativeHealthReported e -> health.add(new Digest.HealthReport(subject, title, e.status(),
                        e.text(), e.reportedAt(), e.reportedBy()));
                case RoadmapEvent.ReleaseShipped e -> shipped.add(new Digest.Shipped("RELEASE", subject, title, e.shippedAt(), h.by()));
                case BacklogEvent.ItemAccepted e -> shipped.add(new Digest.Shipped("ITEM", subject, title, h.at(), e.acceptedBy()));
                case BacklogEvent.ItemReprioritized e -> reprioritized.computeIfAbsent(h.subject(), s -> new ArrayList<>()).add(h);
                case BacklogEvent.ItemRescored e -> reprioritized.computeIfAbsent(h.subject(), s -> new ArrayList<>()).add(h);
                case FeedbackEvent.FeedbackSubmitted e -> received++;
                case FeedbackEvent.FeedbackAnswered e -> answered++;
                case FeedbackEvent.CustomerUpdateDue e -> updates++;
                default -> {
                }
            }
        }
        return new Digest(productId, since, until, moved, shipped, statusChanges, health,
                priorityChanges(reprioritized, titles), new Digest.Customers(received, answered, updates));
    }

    /** Items whose rank moved over the period, the largest moves first. */
    private static List<Digest.PriorityChange> priorityChanges(Map<String, List<Happened>> byItem, Map<String, String> titles) {
        List<Digest.PriorityChange> changes = new ArrayList<>();
        byItem.forEach((item, events) -> {
            Integer from = rankBefore(events.getFirst().event());
            Integer to = rankAfter(events.getLast().event());
            if (from != null && from.equals(to)) {
                return;
            }
            Set<String> causes = new LinkedHashSet<>();
            for (Happened h : events) {
                BacklogEvent.PriorityCause cause = h.event() instanceof BacklogEvent.ItemReprioritized r ? r.cause()
                        : ((BacklogEvent.ItemRescored) h.event()).cause();
                causes.add(cause == null || cause.eventType() == null ? "unknown" : cause.eventType());
            }
            changes.add(new Digest.PriorityChange(UUID.fromString(item), titles.get(item), from, to, events.size(), List.copyOf(causes)));
        });
        changes.sort((a, b) -> Integer.compare(distance(b), distance(a)));
        return changes.size() > MAX_PRIORITY_CHANGES ? List.copyOf(changes.subList(0, MAX_PRIORITY_CHANGES)) : changes;
    }

    private static int distance(Digest.PriorityChange change) {
        return change.fromRank() == null || change.toRank() == null ? Integer.MAX_VALUE : Math.abs(change.toRank() - change.fromRank());
    }

    private static Integer rankBefore(PublishedEvent event) {
        return event instanceof BacklogEvent.ItemReprioritized r ? r.oldRank() : ((BacklogEvent.ItemRescored) event).oldRank();
    }

    private static Integer rankAfter(PublishedEvent event) {
        return event instanceof BacklogEvent.ItemReprioritized r ? r.newRank() : ((BacklogEvent.ItemRescored) event).newRank();
    }

    /** The title (or a release's name) of each subject, as its last naming event before {@code until} had it. */
    private Map<String, String> titles(UUID productId, Set<String> subjects, Instant until) {
        Map<String, String> titles = new HashMap<>();
        if (subjects.isEmpty()) {
            return titles;
        }
        sql.query("""
                        SELECT DISTINCT ON (subject) subject, coalesce(data::jsonb ->> 'title', data::jsonb ->> 'name')
                        FROM webhook_events
                        WHERE product_id = ? AND type = ANY (?) AND subject = ANY (?) AND time < ?
                        ORDER BY subject, position DESC""",
                rs -> titles.put(rs.getString(1), rs.getString(2)),
                productId, types(NAMING), subjects.toArray(String[]::new), Timestamp.from(until));
        return titles;
    }

    private static String[] types(List<Class<? extends PublishedEvent>> events) {
        return events.stream().map(EventCatalog::cloudEventTypeOf).toArray(String[]::new);
    }

    private PublishedEvent read(String type, String data) {
        Class<? extends PublishedEvent> eventClass = EventCatalog.eventClassOf(type)
                .orElseThrow(() -> new IllegalStateException("no contract record for " + type));
        try {
            return json.readValue(data, eventClass);
        } catch (Exception e) {
            throw new IllegalStateException("stored " + type + " is not readable: " + e.getMessage(), e);
        }
    }
}
