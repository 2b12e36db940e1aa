package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.WebhookSecret;
import dev.northstar.integrations.readmodel.Subscription;
import dev.northstar.platform.privacy.MasterKey;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Webhook signing secrets at rest: sealed under the customer-data master key, bound to their subscription, so a copy
 * of the database signs nothing. Secrets stored in clear before are sealed at start.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final MasterKey master;

    public WebhookSecrets(MasterKey master) {
        this.master = master;
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

    private static String purpose(UUID subscriptionId) {
        return "webhook signing secret " + subscriptionId;
    }
}
