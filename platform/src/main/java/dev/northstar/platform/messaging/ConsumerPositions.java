package dev.northstar.platform.messaging;

import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each consumer has applied each partition it reads ({@code consumer_positions}): the offset of the last
 * record it is done with, applied or not. The {@link Inbox} raises it in the transaction of the records' effect, so
 * a position never claims more than the state holds; it is never lowered.
 */
@ApplicationScoped
public class ConsumerPositions {
    /** One consumer's place on one partition. */
    public record Partition(String consumer, String topic, int partition) {
    }

    private final Sql sql;

    public ConsumerPositions(Sql sql) {
        this.sql = sql;
    }

    /** Raises the consumer's applied offset of each partition among {@code records} to its last one. Joins the caller's transaction. */
    public void applied(String consumer, List<? extends ConsumerRecord<?, ?>> records) {
        Map<String, ConsumerRecord<?, ?>> last = new LinkedHashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            last.merge(record.topic() + ":" + record.partition(), record, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (last.isEmpty()) {
            return;
        }
        String[] topics = last.values().stream().map(ConsumerRecord::topic).toArray(String[]::new);
        int[] partitions = last.values().stream().mapToInt(ConsumerRecord::partition).toArray();
        long[] offsets = last.values().stream().mapToLong(ConsumerRecord::offset).toArray();
        sql.update("""
                INSERT INTO consumer_positions (consumer, topic, kafka_partition, applied_offset)
                SELECT ?, t, p, o FROM unnest(?::text[], ?::int4[], ?::int8[]) AS u(t, p, o)
                ON CONFLICT (consumer, topic, kafka_partition) DO UPDATE
                SET applied_offset = GREATEST(consumer_positions.applied_offset, excluded.applied_offset), updated_at = now()
                WHERE excluded.applied_offset > consumer_positions.applied_offset""", consumer, topics, partitions, offsets);
    }

    /** What the consumers have applied, per partition they have recorded. */
    public Map<Partition, Long> of(Collection<String> consumers) {
        Map<Partition, Long> applied = new LinkedHashMap<>();
        sql.query("""
                SELECT consumer, topic, kafka_partition, applied_offset FROM consumer_positions WHERE consumer = ANY (?)""",
                rs -> applied.put(new Partition(rs.getString(1), rs.getString(2), rs.getInt(3)), rs.getLong(4)),
                (Object) consumers.toArray(String[]::new));
        return applied;
    }
}
