package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.readmodel.Subscription;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.MasterKeyedColumn;
import dev.northstar.platform.privacy.MasterKeyedValues;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Webhook signing secrets at rest: sealed under the customer-data master key, bound to their subscription, so a copy
 * of the database signs nothing. Secrets stored in clear before are sealed at start; a rotation of the master key
 * re-seals those under an old one.
 */
@ApplicationScoped
public class WebhookSecrets implements MasterKeyedValues {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final MasterKey master;
    private final MasterKeyedColumn column;

    public WebhookSecrets(MasterKey master, Sql sql) {
        this.master = master;
        // secrets in clear (from before sealing) are under no master key: they are sealed at start instead
        this.column = new MasterKeyedColumn(sql, "webhook_subscriptions", "subscription_id", "uuid", "secret", false);
    }

    public String seal(UUID subscriptionId, WebhookSecret secret) {
        return master.seal(purpose(subscriptionId), secret.written());
    }

    public WebhookSecret open(UUID subscriptionId, String stored) {
        return WebhookSecret.parse(MasterKey.isSealed(stored) ? master.open(purpose(subscriptionId), stored) : stored);
    }

    @Transactional
    void sealStoredInClear(@Observes StartupEvent start) {
        List<Subscription> clear = Subscription.list("secret like 'whsec\\_%'");
        clear.forEach(subscription -> subscription.secret = seal(subscription.id, WebhookSecret.parse(subscription.secret)));
        if (!clear.isEmpty()) {
            LOG.infof("sealed the signing secrets of %d webhook subscriptions stored in clear", clear.size());
        }
    }

    @Override
    public String name() {
        return "webhook-secrets";
    }

    @Override
    public MasterKeyedColumn column() {
        return column;
    }

    @Override
    public String rewrapped(Stored stored) {
        return master.reseal(purpose(UUID.fromString(stored.id())), stored.value());
    }

    private static String purpose(UUID subscriptionId) {
        return "webhook signing secret " + subscriptionId;
    }
}
