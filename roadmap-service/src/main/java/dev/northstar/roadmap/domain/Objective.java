package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultAdded;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultMeasured;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultRemoved;
import dev.northstar.roadmap.domain.ObjectiveEvent.KeyResultRevised;
import dev.northstar.roadmap.domain.ObjectiveEvent.ObjectiveEdited;
import dev.northstar.roadmap.domain.ObjectiveEvent.ObjectiveLinked;
import dev.northstar.roadmap.domain.ObjectiveEvent.ObjectiveSet;
import dev.northstar.roadmap.domain.ObjectiveEvent.ObjectiveUnlinked;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An objective of a product for a period, read from its key results; the themes and initiatives that serve it are
 * linked to it. The state keeps each key result's latest measurement (its history is in the events).
 */
public record Objective(UUID id, UUID productId, String title, String period, List<KeyResult> keyResults,
                        List<UUID> themeIds, List<UUID> initiativeIds, Map<UUID, Measurement> latestMeasurements) {
    public static final int MAX_KEY_RESULTS = 10;

    /** What can serve an objective. */
    public enum Serving {
        THEME, INITIATIVE
    }
    /** How far ahead of the server's clock a measurement may be dated (clock skew between a tool and us). */
    private static final Duration SKEW = Duration.ofMinutes(5);

    public record Measurement(BigDecimal value, Instant at) {
    }

    /** The product's north-star key result when it sits in another objective, for the command to refuse a second. */
    public record NorthStarElsewhere(UUID objectiveId, String objectiveTitle, String metric) {
    }

    public static Objective apply(Objective o, ObjectiveEvent event) {
        return switch (event) {
            case ObjectiveSet e -> new Objective(e.objectiveId(), e.productId(), e.title(), e.period(), e.keyResults(),
                    e.themeIds(), e.initiativeIds(), Map.of());
            case ObjectiveEdited e -> new Objective(o.id, o.productId, e.title(), e.period(), o.keyResults, o.themeIds,
                    o.initiativeIds, o.latestMeasurements);
            case KeyResultAdded e -> o.withKeyResults(append(o.keyResults, e.keyResult()));
            case KeyResultRevised e -> o.withKeyResults(o.keyResults.stream()
                    .map(k -> k.id().equals(e.keyResult().id()) ? e.keyResult() : k).toList());
            case KeyResultRemoved e -> {
                Map<UUID, Measurement> latest = new LinkedHashMap<>(o.latestMeasurements);
                latest.remove(e.keyResultId());
                yield new Objective(o.id, o.productId, o.title, o.period,
                        o.keyResults.stream().filter(k -> !k.id().equals(e.keyResultId())).toList(),
                        o.themeIds, o.initiativeIds, Map.copyOf(latest));
            }
            case KeyResultMeasured e -> {
                Measurement previous = o.latestMeasurements.get(e.keyResultId());
                if (previous != null && previous.at().isAfter(e.at())) {
                    yield o;   // a late report of an earlier value: history, not the latest
                }
                Map<UUID, Measurement> latest = new LinkedHashMap<>(o.latestMeasurements);
                latest.put(e.keyResultId(), new Measurement(e.value(), e.at()));
                yield new Objective(o.id, o.productId, o.title, o.period, o.keyResults, o.themeIds, o.initiativeIds,
                        Map.copyOf(latest));
            }
            case ObjectiveLinked e -> e.targetType() == Serving.THEME
                    ? new Objective(o.id, o.productId, o.title, o.period, o.keyResults, append(o.themeIds, e.targetId()),
                    o.initiativeIds, o.latestMeasurements)
                    : new Objective(o.id, o.productId, o.title, o.period, o.keyResults, o.themeIds,
                    append(o.initiativeIds, e.targetId()), o.latestMeasurements);
            case ObjectiveUnlinked e -> e.targetType() == Serving.THEME
                    ? new Objective(o.id, o.productId, o.title, o.period, o.keyResults, without(o.themeIds, e.targetId()),
                    o.initiativeIds, o.latestMeasurements)
                    : new Objective(o.id, o.productId, o.title, o.period, o.keyResults, o.themeIds,
                    without(o.initiativeIds, e.targetId()), o.latestMeasurements);
        };
    }

    /**
     * Sets an objective with its key results, serving the given themes and initiatives. {@code northStar} is the
     * product's north-star key result elsewhere, if any: this objective may not mark a second one.
     */
    public static List<ObjectiveEvent> set(UUID id, UUID productId, String title, String period, List<KeyResult.Draft> drafts,
                                           List<Theme> themes, List<Initiative> initiatives, NorthStarElsewhere northStar,
                                           Supplier<UUID> ids) {
        ObjectivePeriod parsed = ObjectivePeriod.parse(period);
        List<KeyResult.Draft> given = drafts == null ? List.of() : drafts;
        if (given.size() > MAX_KEY_RESULTS) {
            throw new RoadmapRuleViolation.InvalidValue("keyResults", "must be at most " + MAX_KEY_RESULTS + " per objective");
        }
        List<KeyResult> keyResults = new ArrayList<>();
        for (KeyResult.Draft draft : given) {
            keyResults.add(KeyResult.define(ids.get(), draft, parsed));
        }
        requireOneNorthStar(keyResults, northStar);
        themes.forEach(Theme::requireActive);
        initiatives.forEach(Initiative::requireNotDropped);
        return List.of(new ObjectiveSet(id, productId, Text.required("title", title), parsed.label(), List.copyOf(keyResults),
                themes.stream().map(Theme::id).distinct().toList(), initiatives.stream().map(Initiative::id).distinct().toList()));
    }

    /** Null arguments keep the current value. */
    public List<ObjectiveEvent> edit(String newTitle, String newPeriod) {
        ObjectiveEdited edited = new ObjectiveEdited(newTitle == null ? title : Text.required("title", newTitle),
                newPeriod == null ? period : ObjectivePeriod.parse(newPeriod).label());
        return edited.title().equals(title) && edited.period().equals(period) ? List.of() : List.of(edited);
    }

    public List<ObjectiveEvent> addKeyResult(UUID keyResultId, KeyResult.Draft draft, NorthStarElsewhere northStar) {
        if (keyResults.size() >= MAX_KEY_RESULTS) {
            throw new RoadmapRuleViolation.InvalidValue("keyResults", "must be at most " + MAX_KEY_RESULTS + " per objective");
        }
        KeyResult added = KeyResult.define(keyResultId, draft, ObjectivePeriod.parse(period));
        requireOneNorthStar(append(keyResults, added), northStar);
        return List.of(new KeyResultAdded(added));
    }

    public List<ObjectiveEvent> reviseKeyResult(UUID keyResultId, KeyResult.Draft changes, NorthStarElsewhere northStar) {
        KeyResult current = keyResult(keyResultId);
        KeyResult revised = current.revise(changes, ObjectivePeriod.parse(period));
        if (revised.equals(current)) {
            return List.of();
        }
        requireOneNorthStar(keyResults.stream().map(k -> k.id().equals(keyResultId) ? revised : k).toList(), northStar);
        return List.of(new KeyResultRevised(revised));
    }

    public List<ObjectiveEvent> removeKeyResult(UUID keyResultId) {
        return hasKeyResult(keyResultId) ? List.of(new KeyResultRemoved(keyResultId)) : List.of();
    }

    /** Records a value of a MEASURED key result; {@code at} defaults to now and may not lie in the future. */
    public List<ObjectiveEvent> measure(UUID keyResultId, BigDecimal value, Instant at, Instant now) {
        KeyResult keyResult = keyResult(keyResultId);
        if (!keyResult.measuredFromOutside()) {
            throw new RoadmapRuleViolation.MeasuredByAnalytics(keyResult.metric());
        }
        Instant when = at == null ? now : at;
        if (when.isAfter(now.plus(SKEW))) {
            throw new RoadmapRuleViolation.InvalidValue("at", "must not lie in the future");
        }
        return List.of(new KeyResultMeasured(keyResultId, KeyResult.number("value", value), when));
    }

    public List<ObjectiveEvent> link(Theme theme) {
        theme.requireActive();
        return themeIds.contains(theme.id()) ? List.of() : List.of(new ObjectiveLinked(Serving.THEME, theme.id()));
    }

    public List<ObjectiveEvent> link(Initiative initiative) {
        initiative.requireNotDropped();
        return initiativeIds.contains(initiative.id()) ? List.of() : List.of(new ObjectiveLinked(Serving.INITIATIVE, initiative.id()));
    }

    public List<ObjectiveEvent> unlink(Serving targetType, UUID targetId) {
        List<UUID> linked = targetType == Serving.THEME ? themeIds : initiativeIds;
        return linked.contains(targetId) ? List.of(new ObjectiveUnlinked(targetType, targetId)) : List.of();
    }

    public boolean hasKeyResult(UUID keyResultId) {
        return keyResults.stream().anyMatch(k -> k.id().equals(keyResultId));
    }

    public KeyResult keyResult(UUID keyResultId) {
        return keyResults.stream().filter(k -> k.id().equals(keyResultId)).findFirst()
                .orElseThrow(() -> new RoadmapRuleViolation.InvalidValue("keyResultId",
                        "names no key result of objective " + title));
    }

    private static void requireOneNorthStar(List<KeyResult> keyResults, NorthStarElsewhere elsewhere) {
        long marked = keyResults.stream().filter(KeyResult::northStar).count();
        if (marked > 1) {
            throw new RoadmapRuleViolation.InvalidValue("northStar", "may mark only one key result of a product");
        }
        if (marked == 1 && elsewhere != null) {
            throw new RoadmapRuleViolation.NorthStarTaken(elsewhere.metric(), elsewhere.objectiveTitle());
        }
    }

    private Objective withKeyResults(List<KeyResult> newKeyResults) {
        return new Objective(id, productId, title, period, newKeyResults, themeIds, initiativeIds, latestMeasurements);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return List.copyOf(copy);
    }

    private static List<UUID> without(List<UUID> list, UUID element) {
        return list.stream().filter(e -> !Objects.equals(e, element)).toList();
    }
}
