package dev.northstar.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Names the parked outbox rows in readiness: they need an operator, but the service still serves and publishes
 * everything else, so they do not take it out of rotation.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {
    private final ParkedOutbox parked;

    public OutboxHealth(ParkedOutbox parked) {
        this.parked = parked;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox").up();
        long count = parked.count();
        response.withData("parked", count);
        if (count > 0) {
            parked.oldestReason().ifPresent(reason -> response.withData("oldestParked", reason));
        }
        return response.build();
    }
}
