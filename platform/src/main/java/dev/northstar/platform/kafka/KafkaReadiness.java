package dev.northstar.platform.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the Kafka cluster answers, within a few seconds: the relay cannot publish and the consumers
 * cannot consume without it. (Quarkus' own Kafka check waits up to a minute per probe when the broker is gone.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    private final KafkaClients kafka;
    private final Duration timeout;
    private Admin admin;

    public KafkaReadiness(KafkaClients kafka,
                          @ConfigProperty(name = "northstar.health.kafka-timeout", defaultValue = "PT3S") Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("Kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka").down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = kafka.admin();
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
