package dev.northstar.feedback.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deterministic, local sentiment score of a text: a small English lexicon of weighted words, with
 * negation ("not good") flipping the next word. Score from -1 (very negative) to 1 (very positive);
 * the label cuts at +-0.2. No remote service, so the same text always scores the same.
 */
public record Sentiment(BigDecimal score, Label label) {

    public enum Label {
        NEGATIVE, NEUTRAL, POSITIVE
    }

    private static final Pattern WORDS = Pattern.compile("[^a-z']+");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "don't", "doesn't", "isn't", "wasn't",
            "can't", "cannot", "won't", "didn't", "hardly");
    private static final Map<String, Integer> LEXICON = Map.ofEntries(
            Map.entry("love", 3), Map.entry("loved", 3), Map.entry("amazing", 3), Map.entry("excellent", 3),
            Map.entry("awesome", 3), Map.entry("fantastic", 3), Map.entry("great", 3), Map.entry("perfect", 3),
            Map.entry("delighted", 3), Map.entry("good", 2), Map.entry("nice", 2), Map.entry("easy", 2),
            Map.entry("fast", 2), Map.entry("helpful", 2), Map.entry("happy", 2), Map.entry("like", 1),
            Map.entry("thanks", 2), Map.entry("thank", 2), Map.entry("smooth", 2), Map.entry("intuitive", 2),
            Map.entry("reliable", 2), Map.entry("useful", 2), Map.entry("simple", 1), Map.entry("works", 1),
            Map.entry("better", 1), Map.entry("improved", 2), Map.entry("recommend", 2),
            Map.entry("hate", -3), Map.entry("terrible", -3), Map.entry("awful", -3), Map.entry("horrible", -3),
            Map.entry("worst", -3), Map.entry("useless", -3), Map.entry("broken", -3), Map.entry("angry", -3),
            Map.entry("bad", -2), Map.entry("slow", -2), Map.entry("crash", -2), Map.entry("crashes", -2),
            Map.entry("crashed", -2), Map.entry("bug", -2), Map.entry("buggy", -2), Map.entry("error", -2),
            Map.entry("errors", -2), Map.entry("fail", -2), Map.entry("fails", -2), Map.entry("failed", -2),
            Map.entry("confusing", -2), Map.entry("difficult", -2), Map.entry("hard", -1), Map.entry("annoying", -2),
            Map.entry("frustrating", -2), Map.entry("frustrated", -2), Map.entry("expensive", -1), Map.entry("missing", -1),
            Map.entry("problem", -2), Map.entry("problems", -2), Map.entry("issue", -1), Map.entry("issues", -1),
            Map.entry("cancel", -2), Map.entry("lost", -2), Map.entry("disappointed", -2), Map.entry("wrong", -2));

    public static Sentiment of(String text) {
        int total = 0;
        int counted = 0;
        boolean negate = false;
        for (String word : WORDS.split(text.toLowerCase())) {
            if (word.isEmpty()) {
                continue;
            }
            if (NEGATIONS.contains(word)) {
                negate = true;
                continue;
            }
            Integer weight = LEXICON.get(word);
            if (weight != null) {
                total += negate ? -weight : weight;
                counted++;
            }
            negate = false;
        }
        BigDecimal score = counted == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(Math.max(-1.0, Math.min(1.0, total / (3.0 * Math.sqrt(counted)))))
                .setScale(2, RoundingMode.HALF_UP);
        Label label = score.compareTo(new BigDecimal("0.2")) >= 0 ? Label.POSITIVE
                : score.compareTo(new BigDecimal("-0.2")) <= 0 ? Label.NEGATIVE : Label.NEUTRAL;
        return new Sentiment(score, label);
    }
}
