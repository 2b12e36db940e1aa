package dev.northstar.platform.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the Kafka cluster answers, within a few seconds: {@code /q/health/group/kafka} on the management interface
 * and the gauge {@code northstar_kafka_reachable} (1 or 0). Deliberately not part of readiness: while Kafka is down a
 * service still takes writes (they wait in its outbox) and answers reads from its database, so a Kafka outage must
 * not take every pod out of its Kubernetes Service. (Quarkus' own Kafka check also waits up to a minute per probe.)
 */
@HealthGroup(KafkaHealth.GROUP)
@ApplicationScoped
public class KafkaHealth implements HealthCheck {
    public static final String GROUP = "kafka";
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    private final KafkaClients kafka;
    private final Duration timeout;
    private final AtomicBoolean reachable = new AtomicBoolean(false);
    private final AtomicBoolean refreshing = new AtomicBoolean(false);
    private volatile long lastRefresh;
    private Admin admin;

    public KafkaHealth(KafkaClients kafka, MeterRegistry registry,
                       @ConfigProperty(name = "northstar.health.kafka-timeout", defaultValue = "PT3S") Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
        Gauge.builder("northstar.kafka.reachable", this, KafkaHealth::reachableForGauge)
                .description("1 while the Kafka cluster answered the last check (within the health timeout), else 0")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = describeCluster().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            reachable.set(true);
            return HealthCheckResponse.named("Kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            reachable.set(false);
            return HealthCheckResponse.named("Kafka").down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    /** The last known answer; asks the cluster again, without waiting, when that answer is a few seconds old. */
    private double reachableForGauge() {
        long now = System.nanoTime();
        if (now - lastRefresh > GAUGE_REFRESH.toNanos() && refreshing.compareAndSet(false, true)) {
            lastRefresh = now;
            describeCluster().whenComplete((nodes, failure) -> {
                reachable.set(failure == null);
                refreshing.set(false);
            });
        }
        return reachable.get() ? 1 : 0;
    }

    private KafkaFuture<Collection<Node>> describeCluster() {
        return admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes();
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
