package dev.northstar.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;

/**
 * A real Kafka broker for {@code @QuarkusTest}s: one combined KRaft node of the Apache Kafka test kit,
 * on a random port, in this JVM. Sets {@code kafka.bootstrap.servers} for the application under test.
 * <p>
 * With the init argument {@code security=sasl} the broker takes SASL_PLAINTEXT clients only and authorizes them
 * with ACLs ({@link SecuredKafka}); the application then connects as a user that may do no more than it grants.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {
    /** Also published as a system property, so test code outside the application can reach the broker. */
    public static final String BOOTSTRAP_PROPERTY = "northstar.test.kafka.bootstrap";
    public static final String SECURITY = "security";
    public static final String SASL = "sasl";

    private KafkaClusterTestKit cluster;
    private boolean sasl;

    @Override
    public void init(Map<String, String> initArgs) {
        sasl = SASL.equals(initArgs.get(SECURITY));
    }

    @Override
    public Map<String, String> start() {
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1);
            if (sasl) {
                nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
            }
            cluster = new KafkaClusterTestKit.Builder(nodes.build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", "16777216")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        }
        System.setProperty(BOOTSTRAP_PROPERTY, cluster.bootstrapServers());
        if (sasl) {
            return SecuredKafka.prepare(cluster.bootstrapServers());
        }
        return Map.of("kafka.bootstrap.servers", cluster.bootstrapServers());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // the JVM is ending the test run; a broker that does not close cleanly leaves only temp files
            }
        }
    }
}
