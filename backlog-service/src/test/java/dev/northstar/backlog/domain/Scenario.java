package dev.northstar.backlog.domain;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** given(events).when(command).then(events): a domain rule as a test, with no framework in sight. */
final class Scenario {
    private final BacklogItem item;

    private Scenario(BacklogItem item) {
        this.item = item;
    }

    static Scenario given(BacklogItemEvent... history) {
        return new Scenario(BacklogItem.replay(Arrays.asList(history)));
    }

    When when(Function<BacklogItem, List<BacklogItemEvent>> command) {
        return new When(item, command);
    }

    record When(BacklogItem item, Function<BacklogItem, List<BacklogItemEvent>> command) {
        void then(BacklogItemEvent... expected) {
            assertThat(command.apply(item)).containsExactly(expected);
        }

        void thenNothingHappens() {
            assertThat(command.apply(item)).isEmpty();
        }

        void thenFails(Class<? extends RuntimeException> violation, String... messageParts) {
            var thrown = assertThatThrownBy(() -> command.apply(item)).isInstanceOf(violation);
            if (messageParts.length > 0) {
                thrown.message().contains(messageParts);
            }
        }
    }
}
