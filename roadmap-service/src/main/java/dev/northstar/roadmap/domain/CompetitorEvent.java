package dev.northstar.roadmap.domain;

import java.util.List;
import java.util.UUID;

/** Published on {@code northstar.roadmap.events} as {@code northstar.roadmap.<Name>.v1}, keyed by competitor id. */
public sealed interface CompetitorEvent {
    record CompetitorAdded(UUID competitorId, UUID productId, String name, String segment, List<String> strengths,
                           List<String> weaknesses, String notes, List<String> keywords) implements CompetitorEvent {
    }

    /** The competitor as it is now: name, segment, strengths, weaknesses, notes and the keywords feedback is matched by. */
    record CompetitorEdited(String name, String segment, List<String> strengths, List<String> weaknesses, String notes,
                            List<String> keywords) implements CompetitorEvent {
    }

    /** Where an initiative of the product stands against the competitor. */
    record InitiativeCompared(UUID initiativeId, Competitor.Position position, String note) implements CompetitorEvent {
    }

    record ComparisonRemoved(UUID initiativeId) implements CompetitorEvent {
    }
}
