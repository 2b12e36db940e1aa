package dev.northstar.roadmap.readmodel;

import dev.northstar.roadmap.domain.BusinessCase;
import dev.northstar.roadmap.domain.Health;
import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.Theme;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The roadmap of a product: open initiatives by horizon in rank order, then what is done and what was dropped. */
public record RoadmapView(Product product, Instant asOf, List<Theme> themes, List<HorizonView> horizons,
                          List<InitiativeSummary> done, List<InitiativeSummary> dropped, List<Release> releases) {

    public record HorizonView(Horizon horizon, List<InitiativeSummary> initiatives) {
    }

    /** {@code rank} is the initiative's place in its horizon whatever order the roadmap is read in. */
    public record InitiativeSummary(UUID id, String title, UUID themeId, String themeName, Horizon horizon, Integer rank,
                                    String targetQuarter, InitiativeStatus status, String successMetric, String dropReason,
                                    BusinessCase businessCase, BigDecimal roi, BigDecimal payback,
                                    @Schema(description = "The product manager's latest report: ON_TRACK, AT_RISK or OFF_TRACK, why, when and by whom; null before the first") Health health) {
    }

    /** How each horizon's initiatives are listed: by their rank, or by the ROI of their business case (highest first, those without last). */
    public enum Order {
        RANK, ROI
    }
}
