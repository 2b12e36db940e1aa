package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.EventTypePattern;
import dev.northstar.integrations.domain.RuleViolation;
import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.domain.WebhookUrl;
import dev.northstar.integrations.readmodel.Subscription;
import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions: created, changed, disabled and re-enabled, deleted, and replayed. A subscription is the
 * product's (its product must exist here); the URL passes the outbound guard when it is given.
 */
@ApplicationScoped
public class Subscriptions {
    public static final int MAX_EVENT_TYPES = 50;

    /** A new subscription, with its secret as written (the only time it is shown). */
    public record Created(Subscription subscription, String secret) {
    }

    /** What a change sets; null leaves a field as it is. */
    public record Change(String url, List<String> eventTypes, String description, Boolean enabled) {
    }

    private final WebhookSettings settings;
    private final OutboundGuard guard;
    private final Deliveries deliveries;
    private final Dispatcher dispatcher;
    private final Sql sql;
    private final KnownProducts products;
    private final WebhookSecrets secrets;

    public Subscriptions(WebhookSettings settings, OutboundGuard guard, Deliveries deliveries, Dispatcher dispatcher, Sql sql,
                         KnownProducts products, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.settings = settings;
        this.guard = guard;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.sql = sql;
        this.products = products;
    }

    @Transactional
    public Created create(UUID productId, String url, List<String> eventTypes, String secret, String description, String actor) {
        products.require(productId);
        if (Subscription.count("productId", productId) >= settings.maxPerProduct()) {
            throw new ProblemException(Problem.of(409, "too-many-webhooks", "Too many webhooks",
                    "a product has at most " + settings.maxPerProduct() + " webhook subscriptions; delete one first"));
        }
        WebhookSecret key = secret == null ? WebhookSecret.generate() : WebhookSecret.parse(secret);
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.productId = productId;
        subscription.url = checkedUrl(url).toString();
        subscription.eventTypes = patterns(eventTypes);
        subscription.description = description;
        subscription.secret = secrets.seal(subscription.id, key);
        subscription.enabled = true;
        subscription.createdAt = Instant.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.createdBy = actor;
        subscription.persistAndFlush();
        return new Created(subscription, key.written());
    }

    public Subscription find(UUID productId, UUID subscriptionId) {
        products.require(productId);
        Subscription subscription = Subscription.findById(subscriptionId);
        if (subscription == null || !subscription.productId.equals(productId)) {
            throw ProblemException.notFound("webhook " + subscriptionId + " of product " + productId);
        }
        return subscription;
    }

    public List<Subscription> ofProduct(UUID productId) {
        products.require(productId);
        return Subscription.ofProduct(productId);
    }

    /** Changes a subscription; enabling a disabled one clears its reason (deliveries missed meanwhile: replay them). */
    @Transactional
    public Subscription change(UUID productId, UUID subscriptionId, String ifMatch, Change change) {
        Subscription subscription = find(productId, subscriptionId);
        Versions.check(ifMatch, subscription.version);
        if (change.url() != null) {
            subscription.url = checkedUrl(change.url()).toString();
        }
        if (change.eventTypes() != null) {
            subscription.eventTypes = patterns(change.eventTypes());
        }
        if (change.description() != null) {
            subscription.description = change.description().isBlank() ? null : change.description();
        }
        if (change.enabled() != null && change.enabled() != subscription.enabled) {
            subscription.enabled = change.enabled();
            subscription.disabledAt = change.enabled() ? null : Instant.now();
            subscription.disabledReason = change.enabled() ? null : "disabled by its owner";
        }
        subscription.updatedAt = Instant.now();
        subscription.flush();
        if (subscription.enabled) {
            dispatcher.wake();
        }
        return subscription;
    }

    @Transactional
    public void delete(UUID productId, UUID subscriptionId) {
        find(productId, subscriptionId).delete();
    }

    /** Queues again every event of the product the subscription wants from {@code since} until {@code until}. */
    @Transactional
    public int replay(UUID productId, UUID subscriptionId, Instant since, Instant until) {
        find(productId, subscriptionId);
        if (!since.isBefore(until)) {
            throw ProblemException.badRequest("since", "must be before until (" + until + ")");
        }
        if (since.isBefore(Instant.now().minus(settings.replayWindow()))) {
            throw ProblemException.badRequest("since", "a replay reaches back at most " + settings.replayWindow().toDays() + " days");
        }
        int queued = deliveries.replay(subscriptionId, since, until);
        dispatcher.wake();
        return queued;
    }

    @Transactional
    public UUID redeliver(UUID productId, UUID subscriptionId, UUID deliveryId) {
        find(productId, subscriptionId);
        UUID id = deliveries.redeliver(subscriptionId, deliveryId).orElseThrow(() -> ProblemException.notFound(
                "delivery " + deliveryId + " of webhook " + subscriptionId));
        dispatcher.wake();
        return id;
    }

    /** Stops deliveries to a subscription that keeps failing, saying why; runs in the caller's transaction. */
    public void disable(UUID subscriptionId, String reason) {
        sql.update("""
                UPDATE webhook_subscriptions SET enabled = false, disabled_reason = ?, disabled_at = now(), updated_at = now(),
                       version = version + 1
                WHERE subscription_id = ? AND enabled""", reason, subscriptionId);
    }

    private WebhookUrl checkedUrl(String written) {
        WebhookUrl url = WebhookUrl.parse(written, settings.allowHttp());
        guard.refusalAtSubscription(url).ifPresent(refusal -> {
            throw new RuleViolation("url", refusal);
        });
        return url;
    }

    private static String[] patterns(List<String> eventTypes) {
        if (eventTypes == null || eventTypes.isEmpty() || eventTypes.size() > MAX_EVENT_TYPES) {
            throw new RuleViolation("eventTypes", "name 1 to " + MAX_EVENT_TYPES + " event types or patterns");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String type : eventTypes) {
            distinct.add(new EventTypePattern(type == null ? null : type.strip()).value());
        }
        return distinct.toArray(String[]::new);
    }
}
