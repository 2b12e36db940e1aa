package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * What the roadmap says about the initiative an item serves, as backlog-service last heard it:
 * the horizon adds to time criticality, the theme's weight scales cost of delay, a dropped
 * initiative demotes the item, and, when the product lets business cases count, the ROI of the initiative's business
 * case scales it too ({@code initiativeRoi} is null otherwise). Horizon and status are the roadmap's names (NOW, NEXT,
 * LATER; PROPOSED...).
 */
public record RoadmapContext(UUID initiativeId, String horizon, String initiativeStatus, UUID themeId, BigDecimal themeWeight,
                             BigDecimal initiativeRoi) {
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal LOWEST = new BigDecimal("0.50");
    private static final BigDecimal HIGHEST = new BigDecimal("2.00");

    /** The context of a product that does not let business cases count. */
    public RoadmapContext(UUID initiativeId, String horizon, String initiativeStatus, UUID themeId, BigDecimal themeWeight) {
        this(initiativeId, horizon, initiativeStatus, themeId, themeWeight, null);
    }

    /**
     * 1 + ROI / 4 (the quarter rounded half-up to two decimals) within 0.5 and 2: a break-even case (ROI 0) leaves the item as it is, ROI 1.4 lifts it
     * by 35 %, ROI 4 or more doubles it, a case that loses money (ROI -2 or less) halves it. 1 without a case in money.
     */
    public BigDecimal businessCaseFactor() {
        if (initiativeRoi == null) {
            return BigDecimal.ONE;
        }
        BigDecimal factor = BigDecimal.ONE.add(initiativeRoi.divide(FOUR, 2, RoundingMode.HALF_UP));
        return factor.max(LOWEST).min(HIGHEST);
    }

    /** Points added to time criticality for serving an open initiative in this horizon. */
    public int horizonBonus() {
        if (!isOpen() || horizon == null) {
            return 0;
        }
        return switch (horizon) {
            case "NOW" -> 8;
            case "NEXT" -> 3;
            default -> 0;
        };
    }

    public BigDecimal weight() {
        return themeWeight == null ? BigDecimal.ONE : themeWeight;
    }

    /** 0.25 for a dropped initiative's items, 1 otherwise. */
    public BigDecimal statusFactor() {
        return "DROPPED".equals(initiativeStatus) ? new BigDecimal("0.25") : BigDecimal.ONE;
    }

    private boolean isOpen() {
        return !"DONE".equals(initiativeStatus) && !"DROPPED".equals(initiativeStatus);
    }
}
