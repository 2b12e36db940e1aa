package dev.northstar.analytics.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NpsTest {
    @Test
    void nps_is_promoters_minus_detractors_in_percent() {
        assertThat(Nps.of(2, 1, 1).score()).isEqualTo(25);
        assertThat(Nps.of(0, 0, 3).score()).isEqualTo(-100);
        assertThat(Nps.of(0, 0, 0).score()).isNull();
    }

    @Test
    void percentiles_take_the_nearest_observed_rank() {
        List<Double> days = List.of(1.0, 2.0, 3.0, 4.0, 10.0);
        assertThat(Percentile.of(days, 50)).isEqualByComparingTo("3.0");
        assertThat(Percentile.of(days, 85)).isEqualByComparingTo("10.0");
        assertThat(Percentile.of(List.of(), 50)).isNull();
    }
}
