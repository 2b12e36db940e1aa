package dev.northstar.integrations.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as stored: a team's endpoint, the event types it wants and the secret its deliveries are
 * signed with. {@code version} guards concurrent changes (If-Match, and Hibernate's optimistic lock). An update writes
 * only the columns it changed, so that a change made meanwhile never writes back a secret a master-key rotation re-sealed.
 */
@Entity
@DynamicUpdate
@Table(name = "webhook_subscriptions")
public class Subscription extends PanacheEntityBase {
    @Id
    @Column(name = "subscription_id")
    public UUID id;

    @Column(name = "product_id", nullable = false, updatable = false)
    public UUID productId;

    @Column(nullable = false)
    public String url;

    @Column(name = "event_types", nullable = false)
    public String[] eventTypes;

    public String description;

    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", updatable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    public static List<Subscription> ofProduct(UUID productId) {
        return list("productId = ?1 order by createdAt, id", productId);
    }
}
