package dev.northstar.analytics.domain;

/** Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to 100; null without responses. */
public record Nps(Integer score, int responses, int promoters, int passives, int detractors) {

    public static Nps of(int promoters, int passives, int detractors) {
        int responses = promoters + passives + detractors;
        Integer score = responses == 0 ? null : (int) Math.round(100.0 * (promoters - detractors) / responses);
        return new Nps(score, responses, promoters, passives, detractors);
    }
}
