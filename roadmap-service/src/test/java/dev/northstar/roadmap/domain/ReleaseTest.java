package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ReleaseEvent.InitiativeScheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleasePlanned;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleaseShipped;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseTest {
    static final Instant NOW = Instant.parse("2027-03-31T12:00:00Z");
    static final UUID INITIATIVE = UUID.randomUUID();

    static Release planned(UUID... initiatives) {
        Release release = Release.apply(null, new ReleasePlanned(UUID.randomUUID(), UUID.randomUUID(), "Spring",
                LocalDate.parse("2027-03-31")));
        for (UUID initiative : initiatives) {
            release = Release.apply(release, new InitiativeScheduled(initiative));
        }
        return release;
    }

    @Test
    void a_release_ships_with_its_initiatives_now_or_at_a_past_instant() {
        assertThat(planned(INITIATIVE).ship(null, NOW)).containsExactly(new ReleaseShipped(NOW, List.of(INITIATIVE)));
        Instant yesterday = NOW.minusSeconds(86_400);
        assertThat(planned(INITIATIVE).ship(yesterday, NOW)).containsExactly(new ReleaseShipped(yesterday, List.of(INITIATIVE)));
    }

    @Test
    void a_release_without_initiatives_or_dated_in_the_future_does_not_ship() {
        assertThatThrownBy(() -> planned().ship(null, NOW)).hasMessageContaining("initiativeIds");
        assertThatThrownBy(() -> planned(INITIATIVE).ship(NOW.plusSeconds(3600), NOW)).hasMessageContaining("future");
    }

    @Test
    void a_shipped_release_takes_no_more_changes() {
        Release shipped = Release.apply(planned(INITIATIVE), new ReleaseShipped(NOW, List.of(INITIATIVE)));
        assertThatThrownBy(() -> shipped.ship(null, NOW)).isInstanceOf(RoadmapRuleViolation.Closed.class);
        assertThatThrownBy(() -> shipped.reschedule(LocalDate.parse("2027-04-30"))).isInstanceOf(RoadmapRuleViolation.Closed.class);
        assertThatThrownBy(() -> shipped.unschedule(INITIATIVE)).isInstanceOf(RoadmapRuleViolation.Closed.class);
    }
}
