package dev.northstar.integrations.readmodel;

import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A digest built one event at a time, in the order they happened: it keeps what the digest shows (and, per item whose
 * priority changed, its first and last change), never the events themselves. Titles are put in at the end.
 */
final class DigestFold {
    private static final int MAX_PRIORITY_CHANGES = 20;

    private record Entry<T>(String subject, T untitled) {
    }

    private static final class ItemChanges {
        Integer fromRank;
        Integer toRank;
        int changes;
        final Set<String> causes = new LinkedHashSet<>();
    }

    private final List<Entry<Digest.Moved>> moved = new ArrayList<>();
    private final List<Entry<Digest.Shipped>> shipped = new ArrayList<>();
    private final List<Entry<Digest.StatusChange>> statusChanges = new ArrayList<>();
    private final List<Entry<Digest.HealthReport>> health = new ArrayList<>();
    private final Map<String, ItemChanges> reprioritized = new LinkedHashMap<>();
    private final Set<String> named = new LinkedHashSet<>();

    void add(String subjectId, Instant at, String by, PublishedEvent event) {
        UUID subject = UUID.fromString(subjectId);
        named.add(subjectId);
        switch (event) {
            case RoadmapEvent.InitiativeMoved e -> moved.add(new Entry<>(subjectId, new Digest.Moved(subject, null, e.fromHorizon(),
                    e.toHorizon(), e.targetQuarter(), at, by)));
            case RoadmapEvent.InitiativeStatusChanged e -> {
                statusChanges.add(new Entry<>(subjectId, new Digest.StatusChange(subject, null, e.from(), e.to(), null, at, by)));
                if ("DONE".equals(e.to())) {
                    shipped.add(new Entry<>(subjectId, new Digest.Shipped("INITIATIVE", subject, null, at, by)));
                }
            }
            case RoadmapEvent.InitiativeDropped e -> statusChanges.add(new Entry<>(subjectId, new Digest.StatusChange(subject, null,
                    e.from(), "DROPPED", e.reason(), at, by)));
            case RoadmapEvent.InitiativeHealthReported e -> health.add(new Entry<>(subjectId, new Digest.HealthReport(subject, null,
                    e.status(), e.text(), e.reportedAt(), e.reportedBy())));
            case RoadmapEvent.ReleaseShipped e -> {
                shipped.add(new Entry<>(subjectId, new Digest.Shipped("RELEASE", subject, null, e.shippedAt(), by)));
                e.initiativeIds().forEach(id -> named.add(id.toString()));
            }
            case BacklogEvent.ItemAccepted e -> shipped.add(new Entry<>(subjectId, new Digest.Shipped("ITEM", subject, null, at,
                    e.acceptedBy())));
            case BacklogEvent.ItemReprioritized e -> changed(subjectId, e.oldRank(), e.newRank(), e.cause());
            case BacklogEvent.ItemRescored e -> changed(subjectId, e.oldRank(), e.newRank(), e.cause());
            default -> {
            }
        }
    }

    /** The subjects (and shipped releases' initiatives) whose titles the digest shows. */
    Set<String> named() {
        return named;
    }

    Digest digest(UUID productId, Instant since, Instant until, Map<String, String> titles, Digest.Customers customers) {
        return new Digest(productId, since, until,
                titled(moved, (m, t) -> new Digest.Moved(m.initiativeId(), t, m.from(), m.to(), m.targetQuarter(), m.at(), m.by()), titles),
                titled(shipped, (s, t) -> new Digest.Shipped(s.kind(), s.id(), t, s.at(), s.by()), titles),
                titled(statusChanges, (c, t) -> new Digest.StatusChange(c.initiativeId(), t, c.from(), c.to(), c.reason(), c.at(), c.by()), titles),
                titled(health, (h, t) -> new Digest.HealthReport(h.initiativeId(), t, h.status(), h.text(), h.at(), h.by()), titles),
                priorityChanges(titles), customers);
    }

    private void changed(String item, Integer oldRank, Integer newRank, BacklogEvent.PriorityCause cause) {
        ItemChanges changes = reprioritized.computeIfAbsent(item, i -> new ItemChanges());
        if (changes.changes++ == 0) {
            changes.fromRank = oldRank;
        }
        changes.toRank = newRank;
        changes.causes.add(cause == null || cause.eventType() == null ? "unknown" : cause.eventType());
    }

    /** Items whose rank moved over the period, the largest moves first. */
    private List<Digest.PriorityChange> priorityChanges(Map<String, String> titles) {
        List<Digest.PriorityChange> changes = new ArrayList<>();
        reprioritized.forEach((item, c) -> {
            if (c.fromRank == null || !c.fromRank.equals(c.toRank)) {
                changes.add(new Digest.PriorityChange(UUID.fromString(item), titles.get(item), c.fromRank, c.toRank, c.changes,
                        List.copyOf(c.causes)));
            }
        });
        changes.sort((a, b) -> Integer.compare(distance(b), distance(a)));
        return changes.size() > MAX_PRIORITY_CHANGES ? List.copyOf(changes.subList(0, MAX_PRIORITY_CHANGES)) : changes;
    }

    private static int distance(Digest.PriorityChange change) {
        return change.fromRank() == null || change.toRank() == null ? Integer.MAX_VALUE : Math.abs(change.toRank() - change.fromRank());
    }

    private interface Titling<T> {
        T withTitle(T untitled, String title);
    }

    private static <T> List<T> titled(List<Entry<T>> entries, Titling<T> titling, Map<String, String> titles) {
        return entries.stream().map(e -> titling.withTitle(e.untitled(), titles.get(e.subject()))).toList();
    }
}
