package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.CompetitorEvent.ComparisonRemoved;
import dev.northstar.roadmap.domain.CompetitorEvent.CompetitorAdded;
import dev.northstar.roadmap.domain.CompetitorEvent.CompetitorEdited;
import dev.northstar.roadmap.domain.CompetitorEvent.InitiativeCompared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A competitor of a product: who they are, where they are strong and weak, and how the product's initiatives compare
 * with what they offer. Its keywords (the name is always one) are the rule list feedback-service detects mentions by.
 */
public record Competitor(UUID id, UUID productId, String name, String segment, List<String> strengths, List<String> weaknesses,
                         String notes, List<String> keywords, Map<UUID, Comparison> comparisons) {
    public static final int MAX_ITEMS = 20;

    public enum Position {
        AHEAD, PARITY, BEHIND, NOT_OFFERED
    }

    public record Comparison(Position position, String note) {
    }

    /** What a product manager writes down about a competitor; null fields of an edit keep what is there. */
    public record Profile(String name, String segment, List<String> strengths, List<String> weaknesses, String notes,
                          List<String> keywords) {
    }

    public static Competitor apply(Competitor c, CompetitorEvent event) {
        return switch (event) {
            case CompetitorAdded e -> new Competitor(e.competitorId(), e.productId(), e.name(), e.segment(), e.strengths(),
                    e.weaknesses(), e.notes(), e.keywords(), Map.of());
            case CompetitorEdited e -> new Competitor(c.id, c.productId, e.name(), e.segment(), e.strengths(), e.weaknesses(),
                    e.notes(), e.keywords(), c.comparisons);
            case InitiativeCompared e -> {
                Map<UUID, Comparison> comparisons = new LinkedHashMap<>(c.comparisons);
                comparisons.put(e.initiativeId(), new Comparison(e.position(), e.note()));
                yield c.withComparisons(comparisons);
            }
            case ComparisonRemoved e -> {
                Map<UUID, Comparison> comparisons = new LinkedHashMap<>(c.comparisons);
                comparisons.remove(e.initiativeId());
                yield c.withComparisons(comparisons);
            }
        };
    }

    /** {@code taken}: the names and keywords of the product's other competitors, which this one may not reuse. */
    public static List<CompetitorEvent> add(UUID id, UUID productId, Profile profile, List<String> taken) {
        String name = Text.required("name", profile.name());
        List<String> keywords = keywords(name, profile.keywords(), taken);
        return List.of(new CompetitorAdded(id, productId, name, Text.optional(profile.segment()),
                list("strengths", profile.strengths()), list("weaknesses", profile.weaknesses()), Text.optional(profile.notes()),
                keywords));
    }

    public List<CompetitorEvent> edit(Profile changes, List<String> taken) {
        String newName = changes.name() == null ? name : Text.required("name", changes.name());
        CompetitorEdited edited = new CompetitorEdited(newName,
                changes.segment() == null ? segment : Text.optional(changes.segment()),
                changes.strengths() == null ? strengths : list("strengths", changes.strengths()),
                changes.weaknesses() == null ? weaknesses : list("weaknesses", changes.weaknesses()),
                changes.notes() == null ? notes : Text.optional(changes.notes()),
                keywords(newName, changes.keywords() == null ? keywords : changes.keywords(), taken));
        boolean unchanged = edited.name().equals(name) && Objects.equals(edited.segment(), segment)
                && edited.strengths().equals(strengths) && edited.weaknesses().equals(weaknesses)
                && Objects.equals(edited.notes(), notes) && edited.keywords().equals(keywords);
        return unchanged ? List.of() : List.of(edited);
    }

    public List<CompetitorEvent> compare(Initiative initiative, Position position, String note) {
        Objects.requireNonNull(position, "position");
        initiative.requireNotDropped();
        Comparison comparison = new Comparison(position, Text.optional(note));
        return comparison.equals(comparisons.get(initiative.id())) ? List.of()
                : List.of(new InitiativeCompared(initiative.id(), position, comparison.note()));
    }

    public List<CompetitorEvent> removeComparison(UUID initiativeId) {
        return comparisons.containsKey(initiativeId) ? List.of(new ComparisonRemoved(initiativeId)) : List.of();
    }

    /** The name first, then the other keywords, each once (case-insensitively), none another competitor already uses. */
    private static List<String> keywords(String name, List<String> given, List<String> taken) {
        List<String> all = new ArrayList<>();
        all.add(name);
        if (given != null) {
            given.stream().map(Text::optional).filter(Objects::nonNull).forEach(all::add);
        }
        List<String> unique = new ArrayList<>();
        for (String keyword : all) {
            if (keyword.length() > 100) {
                throw new RoadmapRuleViolation.InvalidValue("keywords", "must each be at most 100 characters");
            }
            if (unique.stream().noneMatch(k -> k.equalsIgnoreCase(keyword))) {
                unique.add(keyword);
            }
            if (taken.stream().anyMatch(k -> k.equalsIgnoreCase(keyword))) {
                throw new RoadmapRuleViolation.InvalidValue(keyword.equalsIgnoreCase(name) ? "name" : "keywords",
                        "\"" + keyword + "\" already names another competitor of this product");
            }
        }
        if (unique.size() > MAX_ITEMS) {
            throw new RoadmapRuleViolation.InvalidValue("keywords", "must be at most " + MAX_ITEMS);
        }
        return List.copyOf(unique);
    }

    private static List<String> list(String field, List<String> given) {
        List<String> items = given == null ? List.of() : given.stream().map(Text::optional).filter(Objects::nonNull).toList();
        if (items.size() > MAX_ITEMS) {
            throw new RoadmapRuleViolation.InvalidValue(field, "must be at most " + MAX_ITEMS);
        }
        return items;
    }

    private Competitor withComparisons(Map<UUID, Comparison> newComparisons) {
        return new Competitor(id, productId, name, segment, strengths, weaknesses, notes, keywords, Map.copyOf(newComparisons));
    }
}
