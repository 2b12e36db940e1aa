package dev.northstar.roadmap.readmodel;

import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.Theme;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The roadmap of a product: open initiatives by horizon in rank order, then what is done and what was dropped. */
public record RoadmapView(Product product, Instant asOf, List<Theme> themes, List<HorizonView> horizons,
                          List<InitiativeSummary> done, List<InitiativeSummary> dropped, List<Release> releases) {

    public record HorizonView(Horizon horizon, List<InitiativeSummary> initiatives) {
    }

    public record InitiativeSummary(UUID id, String title, UUID themeId, String themeName, Horizon horizon, Integer rank,
                                    String targetQuarter, InitiativeStatus status, String successMetric, String dropReason) {
    }
}
