package dev.northstar.feedback.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A competitor of a product as feedback-service heard of it from the roadmap: its name and the keywords (the product's
 * rule list) feedback mentions it by.
 */
public record KnownCompetitor(UUID id, String name, List<String> keywords) {

    /**
     * The competitors a piece of feedback names: the one its submitter named (by name or keyword, any case), then those
     * whose name or a keyword appears in the text as whole words (any case), each once.
     */
    public static List<CompetitorMention> mentionsIn(String text, String named, List<KnownCompetitor> competitors) {
        List<CompetitorMention> mentions = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            KnownCompetitor competitor = competitors.stream().filter(c -> c.answersTo(named.strip())).findFirst()
                    .orElseThrow(() -> new FeedbackRuleViolation.UnknownCompetitor(named.strip()));
            mentions.add(new CompetitorMention(competitor.id, competitor.name, false));
        }
        for (KnownCompetitor competitor : competitors) {
            boolean already = mentions.stream().anyMatch(m -> m.competitorId().equals(competitor.id));
            if (!already && competitor.isMentionedIn(text)) {
                mentions.add(new CompetitorMention(competitor.id, competitor.name, true));
            }
        }
        return List.copyOf(mentions);
    }

    private boolean answersTo(String word) {
        return name.equalsIgnoreCase(word) || keywords.stream().anyMatch(k -> k.equalsIgnoreCase(word));
    }

    private boolean isMentionedIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return keywords.stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k) + "(?![\\p{L}\\p{N}])").matcher(lower).find());
    }
}
