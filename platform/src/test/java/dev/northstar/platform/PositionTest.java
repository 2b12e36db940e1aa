package dev.northstar.platform;

import dev.northstar.platform.consistency.Position;
import dev.northstar.platform.consistency.Position.Mark;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The position a write answers and a read hands back: compact, opaque, and refused when it is anything else. */
class PositionTest {

    @Test
    void a_position_keeps_the_last_offset_of_each_partition_and_reads_back_as_it_was_written() {
        Position position = Position.of(List.of(new Mark("northstar.roadmap.events", 1, 7),
                new Mark("northstar.roadmap.events", 1, 9), new Mark("northstar.roadmap.events", 0, 3)));

        assertThat(position.marks()).containsExactly(new Mark("northstar.roadmap.events", 0, 3),
                new Mark("northstar.roadmap.events", 1, 9));
        assertThat(position.encode()).matches("[A-Za-z0-9_-]+").hasSizeLessThan(80);
        assertThat(Position.decode(position.encode())).isEqualTo(position);
    }

    @Test
    void several_positions_separated_by_commas_are_one_the_furthest_on_each_partition() {
        String a = Position.of(List.of(new Mark("t.a", 0, 5), new Mark("t.b", 2, 1))).encode();
        String b = Position.of(List.of(new Mark("t.a", 0, 4), new Mark("t.b", 2, 8))).encode();

        assertThat(Position.decode(a + ", " + b).marks()).containsExactly(new Mark("t.a", 0, 5), new Mark("t.b", 2, 8));
    }

    @Test
    void anything_but_a_position_is_refused_with_a_reason() {
        for (String garbage : List.of("", "not base64!", "bm9wZQ", encoded("2|t:0:1"), encoded("1"),
                encoded("1|t:0"), encoded("1|t:x:1"), encoded("1|t:0:-1"), encoded("1|bad topic:0:1"), "x".repeat(5000))) {
            assertThatThrownBy(() -> Position.decode(garbage)).as(garbage).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("it ");
        }
    }

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
