package dev.northstar.integrations.application;

import dev.northstar.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What the webhook tables keep: finished deliveries (with their attempts) for a while, events as long as a replay or
 * a digest may reach them and no delivery still carries them.
 */
@ApplicationScoped
public class WebhookRetention {

    @Produces
    @Singleton
    static RetentionRule deliveries(WebhookSettings settings) {
        return new RetentionRule("webhook_deliveries", "created_at", settings.deliveriesRetention(),
                "status IN ('SUCCEEDED', 'FAILED')");
    }

    @Produces
    @Singleton
    static RetentionRule events(WebhookSettings settings) {
        return new RetentionRule("webhook_events", "time", settings.eventsRetention(),
                "NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_position = webhook_events.position)");
    }
}
