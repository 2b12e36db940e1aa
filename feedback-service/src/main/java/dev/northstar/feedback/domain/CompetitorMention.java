package dev.northstar.feedback.domain;

import java.util.UUID;

/** A competitor a piece of feedback names: the one its submitter named ({@code detected} false) or one found in its text. */
public record CompetitorMention(UUID competitorId, String name, boolean detected) {
}
