package dev.northstar.integrations.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the webhook dispatcher cannot claim deliveries (its database does not answer). */
@Readiness
@ApplicationScoped
public class DispatcherReadiness implements HealthCheck {
    private final Dispatcher dispatcher;

    public DispatcherReadiness(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = dispatcher.problem();
        return HealthCheckResponse.named("webhook-dispatcher").status(problem == null)
                .withData("problem", problem == null ? "none" : problem).build();
    }
}
