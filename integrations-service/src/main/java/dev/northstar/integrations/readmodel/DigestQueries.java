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
import java.util.HashMap;
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
    private static final int FETCH = 500;
    private static final List<Class<? extends PublishedEvent>> WHAT_HAPPENED = List.of(RoadmapEvent.InitiativeMoved.class,
            RoadmapEvent.InitiativeStatusChanged.class, RoadmapEvent.InitiativeDropped.class,
            RoadmapEvent.InitiativeHealthReported.class, RoadmapEvent.ReleaseShipped.class, BacklogEvent.ItemAccepted.class,
            BacklogEvent.ItemReprioritized.class, BacklogEvent.ItemRescored.class);
    /** The voice of the customer: only counted, never read. */
    private static final List<Class<? extends PublishedEvent>> COUNTED = List.of(FeedbackEvent.FeedbackSubmitted.class,
            FeedbackEvent.FeedbackAnswered.class, FeedbackEvent.CustomerUpdateDue.class);
    /** The events that name initiatives, items and releases. */
    private static final List<Class<? extends PublishedEvent>> NAMING = List.of(RoadmapEvent.InitiativeAdded.class,
            RoadmapEvent.InitiativeEdited.class, BacklogEvent.ItemCreated.class, BacklogEvent.ItemDetailsEdited.class,
            RoadmapEvent.ReleasePlanned.class);

    private final Sql sql;
    private final ObjectMapper json;

    public DigestQueries(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * The digest of the period: its events are read one by one from a cursor and folded ({@link DigestFold}), the
     * feedback events (most of a busy product's events) only counted, so a year of them is never held in memory.
     */
    public Digest of(UUID productId, Instant since, Instant until) {
        DigestFold fold = new DigestFold();
        sql.stream("""
                        SELECT type, subject, time, actor, data FROM webhook_events
                        WHERE product_id = ? AND time >= ? AND time < ? AND type = ANY (?) ORDER BY time, position""", FETCH,
                rs -> fold.add(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), read(rs.getString(1), rs.getString(5))),
                productId, Timestamp.from(since), Timestamp.from(until), types(WHAT_HAPPENED));
        Map<String, Long> counted = new HashMap<>();
        sql.query("""
                        SELECT type, count(*) FROM webhook_events
                        WHERE product_id = ? AND time >= ? AND time < ? AND type = ANY (?) GROUP BY type""",
                rs -> counted.put(rs.getString(1), rs.getLong(2)), productId, Timestamp.from(since), Timestamp.from(until), types(COUNTED));
        Digest.Customers customers = new Digest.Customers(count(counted, FeedbackEvent.FeedbackSubmitted.class),
                count(counted, FeedbackEvent.FeedbackAnswered.class), count(counted, FeedbackEvent.CustomerUpdateDue.class));
        return fold.digest(productId, since, until, titles(productId, fold.named(), until), customers);
    }

    private static long count(Map<String, Long> counted, Class<? extends PublishedEvent> type) {
        return counted.getOrDefault(EventCatalog.cloudEventTypeOf(type), 0L);
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
