package dev.northstar.analytics.domain;

import dev.northstar.analytics.domain.KeyResultProgress.Sample;
import dev.northstar.analytics.domain.KeyResultProgress.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyResultProgressTest {
    static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant DUE = Instant.parse("2027-04-01T00:00:00Z");   // 90 days
    static final Instant HALFWAY = START.plus(Duration.ofDays(45));

    static Sample at(int day, int value) {
        return new Sample(START.plus(Duration.ofDays(day)), BigDecimal.valueOf(value));
    }

    static KeyResultProgress progress(int baseline, int target, Instant now, Sample... samples) {
        return KeyResultProgress.of(BigDecimal.valueOf(baseline), BigDecimal.valueOf(target), START, DUE, now, List.of(samples));
    }

    @Test
    void progress_runs_from_baseline_to_target_in_either_direction() {
        assertThat(progress(4000, 6000, HALFWAY, at(40, 5000)).progress()).isEqualByComparingTo("0.50");
        assertThat(progress(20, 10, HALFWAY, at(40, 15)).progress()).isEqualByComparingTo("0.50");
        assertThat(progress(20, 10, HALFWAY, at(40, 25)).progress()).isEqualByComparingTo("-0.50");
        assertThat(progress(4000, 6000, HALFWAY, at(40, 5000)).expectedProgress()).isEqualByComparingTo("0.50");
    }

    @Test
    void a_trend_that_reaches_the_target_by_the_due_date_is_on_track_and_one_that_does_not_is_at_risk() {
        // +20 a day from 4,000 on day 30 reaches 6,000 by day 90 at 5,200 + 45 x 20 = 6,100
        KeyResultProgress rising = progress(4000, 6000, HALFWAY, at(31, 4320), at(38, 4960), at(45, 5200));
        assertThat(rising.status()).isEqualTo(Status.ON_TRACK);
        assertThat(rising.projected()).isGreaterThan(BigDecimal.valueOf(6000));

        // ahead of the elapsed time, but flat: the projection stays at 5,500
        KeyResultProgress flat = progress(4000, 6000, HALFWAY, at(31, 5500), at(38, 5500), at(45, 5500));
        assertThat(flat.progress()).isGreaterThan(flat.expectedProgress());
        assertThat(flat.status()).isEqualTo(Status.AT_RISK);
        assertThat(flat.trendPerDay()).isEqualByComparingTo("0");
    }

    @Test
    void without_a_trend_progress_is_judged_against_the_time_elapsed() {
        assertThat(progress(4000, 6000, HALFWAY, at(44, 4900)).status()).isEqualTo(Status.ON_TRACK);   // 0.45 vs 0.50
        assertThat(progress(4000, 6000, HALFWAY, at(44, 4700)).status()).isEqualTo(Status.AT_RISK);    // 0.35 vs 0.50
        assertThat(progress(4000, 6000, HALFWAY, at(44, 4700)).trendPerDay()).isNull();
    }

    @Test
    void a_reached_target_is_achieved_a_passed_due_date_missed_and_no_value_no_data() {
        assertThat(progress(4000, 6000, HALFWAY, at(10, 4000), at(44, 6000)).status()).isEqualTo(Status.ACHIEVED);
        assertThat(progress(4000, 6000, DUE.plusSeconds(1), at(89, 5900)).status()).isEqualTo(Status.MISSED);
        KeyResultProgress none = progress(4000, 6000, HALFWAY);
        assertThat(none.status()).isEqualTo(Status.NO_DATA);
        assertThat(none.actual()).isNull();
    }

    @Test
    void values_after_the_instant_asked_about_do_not_count() {
        KeyResultProgress then = progress(4000, 6000, START.plus(Duration.ofDays(20)), at(10, 4500), at(44, 6000));
        assertThat(then.actual()).isEqualByComparingTo("4500");
        assertThat(then.status()).isNotEqualTo(Status.ACHIEVED);
    }
}
