package dev.northstar.platform;

import dev.northstar.platform.retention.Retention;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.EventPublisher.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox and the idempotency keys keep their rows for a while (30 and 7 days by default), and a steady load leaves
 * each at a plateau; a re-driven dead letter's inbox row stays.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class RetentionTest {
    private static final String CONSUMER = "retention-test";
    private static final int PER_DAY = 300;

    @Inject
    Retention retention;

    @Test
    void under_a_steady_load_the_inbox_and_the_idempotency_keys_stay_at_a_plateau() {
        // 60 days of a steady load, a day at a time: every day's rows arrive, everything ages a day, old rows go
        List<Long> inbox = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        for (int day = 0; day < 60; day++) {
            execute("INSERT INTO inbox (consumer, event_id) SELECT ?, gen_random_uuid()::text FROM generate_series(1, " + PER_DAY + ")",
                    CONSUMER);
            execute("INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, status, body) SELECT ?, gen_random_uuid()::text,"
                    + " 'h', 201, '{}' FROM generate_series(1, " + PER_DAY + ")", CONSUMER);
            execute("UPDATE inbox SET handled_at = handled_at - interval '1 day' WHERE consumer = ?", CONSUMER);
            execute("UPDATE idempotency_keys SET created_at = created_at - interval '1 day' WHERE scope = ?", CONSUMER);
            retention.purge();
            inbox.add(count("SELECT count(*) FROM inbox WHERE consumer = ?", CONSUMER));
            keys.add(count("SELECT count(*) FROM idempotency_keys WHERE scope = ?", CONSUMER));
        }
        System.out.printf("rows after each of 60 days of %d a day: inbox %s, idempotency keys %s%n", PER_DAY, inbox, keys);
        assertThat(inbox.getLast()).isEqualTo(29L * PER_DAY);
        assertThat(inbox.subList(30, 60)).containsOnly(29L * PER_DAY);
        assertThat(keys.subList(7, 60)).containsOnly(6L * PER_DAY);
    }

    @Test
    void a_re_driven_dead_letters_inbox_row_outlives_retention() {
        String kept = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        execute("INSERT INTO inbox (consumer, event_id, handled_at, keep) VALUES (?, ?, now() - interval '400 days', true)", CONSUMER, kept);
        execute("INSERT INTO inbox (consumer, event_id, handled_at) VALUES (?, ?, now() - interval '400 days')", CONSUMER, old);

        retention.purge();

        assertThat(count("SELECT count(*) FROM inbox WHERE event_id = ?", kept)).isOne();
        assertThat(count("SELECT count(*) FROM inbox WHERE event_id = ?", old)).isZero();
    }
}
