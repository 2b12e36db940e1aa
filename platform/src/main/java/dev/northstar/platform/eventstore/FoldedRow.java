package dev.northstar.platform.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * What every read-model row folded from one stream keeps: the folded state as JSON, the stream version it reflects,
 * and the times of the stream's first and last event. Entities extend it and add the columns they are queried by.
 */
@MappedSuperclass
public abstract class FoldedRow {
    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;

    /** Records that the row now holds {@code state}, folded up to and including {@code last}. */
    public void foldedUpTo(StoredEvent last, String state) {
        this.version = last.streamVersion();
        this.updatedAt = last.metadata().occurredAt();
        this.state = state;
    }

    /** The row's state, already decoded, with its version and times. */
    public <S> Versioned<S> versioned(S decodedState) {
        return new Versioned<>(decodedState, version, createdAt, updatedAt);
    }
}
