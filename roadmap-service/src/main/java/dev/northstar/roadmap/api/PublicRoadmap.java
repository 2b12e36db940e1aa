package dev.northstar.roadmap.api;

import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.Release;
import dev.northstar.roadmap.domain.Theme;
import dev.northstar.roadmap.readmodel.RoadmapView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The roadmap as a public share link shows it, to customers, partners or a board: what is planned, in which order and
 * when, and what shipped. A model of its own, so that nothing internal can reach it by being added to the internal
 * view: no costs, value, ROI or payback, no staff, no health reports, no strategy, no dropped work or why.
 */
public record PublicRoadmap(String product, String vision, List<String> themes, List<HorizonPlan> horizons,
                            List<Initiative> done, List<PublicRelease> releases) {

    public record HorizonPlan(Horizon horizon, List<Initiative> initiatives) {
    }

    public record Initiative(UUID id, String title, String theme, Integer rank, String targetQuarter, InitiativeStatus status) {
    }

    public record PublicRelease(String name, LocalDate targetDate, Instant shippedAt, List<UUID> initiativeIds) {
    }

    public static PublicRoadmap of(RoadmapView view) {
        return new PublicRoadmap(view.product().name(), view.product().vision(),
                view.themes().stream().map(Theme::name).toList(),
                view.horizons().stream().map(h -> new HorizonPlan(h.horizon(), initiatives(h.initiatives()))).toList(),
                initiatives(view.done()),
                view.releases().stream().map(PublicRoadmap::release).toList());
    }

    private static List<Initiative> initiatives(List<RoadmapView.InitiativeSummary> summaries) {
        return summaries.stream().map(i -> new Initiative(i.id(), i.title(), i.themeName(), i.rank(), i.targetQuarter(),
                i.status())).toList();
    }

    private static PublicRelease release(Release release) {
        return new PublicRelease(release.name(), release.targetDate(), release.shippedAt(), release.initiativeIds());
    }
}
