package dev.northstar.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart in deploy/helm/northstar, linted and rendered offline by Helm's own library, every document read
 * into its Kubernetes or Strimzi model with unknown fields failing. Checks what an operator relies on.
 */
class HelmChartTest {
    private static final List<String> SERVICES = List.of("roadmap", "backlog", "feedback", "analytics", "integrations");
    private static final List<String> DOMAIN_TOPICS =
            List.of("northstar.roadmap.events", "northstar.backlog.events", "northstar.feedback.events");
    private static final String METRICS_TOPIC = "northstar.analytics.metrics";
    private static final String JWKS = "https://keycloak.example.com/realms/northstar/protocol/openid-connect/certs";
    private static final String ISSUER = "https://keycloak.example.com/realms/northstar";

    @Test
    void lintPasses() {
        LintResult lint = Chart.lint();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
    }

    @Test
    void defaultValuesRenderEveryServiceWithItsServicePdbAndHpa() {
        Manifests manifests = Chart.defaults().render();

        assertThat(manifests.of(Deployment.class)).hasSize(5);
        for (String service : SERVICES) {
            String name = "northstar-" + service;
            Deployment deployment = manifests.get(Deployment.class, name);
            assertOperable(deployment, service);
            // with autoscaling the HPA owns the replica count: the Deployment leaves it alone
            assertThat(deployment.getSpec().getReplicas()).isNull();

            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsEntry("app.kubernetes.io/name", "northstar")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/component", service + "-service")
                    .containsEntry("app.kubernetes.io/part-of", "northstar")
                    .containsEntry("app.kubernetes.io/version", "0.1.0-SNAPSHOT");

            Service svc = manifests.get(Service.class, name);
            assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort, p -> p.getTargetPort().getStrVal())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("http", 80, "http"),
                            org.assertj.core.groups.Tuple.tuple("management", 9000, "management"));
            assertThat(svc.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());

            PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

            HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
            assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(75);
            });
        }
    }

    @Test
    void servicesGetTheirConfigurationFromTheConfigMap() {
        Manifests manifests = Chart.defaults().render();
        ConfigMap config = manifests.get(ConfigMap.class, "northstar-config");
        assertThat(config.getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "northstar-kafka-kafka-bootstrap:9093")
                .containsEntry("NORTHSTAR_TOPICS_CREATE", "false")
                .containsEntry("NORTHSTAR_TOPICS_PARTITIONS", "6")
                .containsEntry("NORTHSTAR_TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("NORTHSTAR_LOG_JSON", "true")
                // tokens must name Northstar as their audience; share links are checked with their owner
                .containsEntry("NORTHSTAR_JWT_AUDIENCE", "northstar-api")
                .containsEntry("NORTHSTAR_SHARE_LINKS_AUTHORITY_URL", "http://northstar-integrations:80")
                .containsKey("NORTHSTAR_CORS_ORIGINS")
                // nothing configured: no key location (every call refused, NOTES.txt warns) and no tracing endpoint
                .doesNotContainKeys("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_PATH_GROUPS",
                        "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        for (Deployment deployment : manifests.of(Deployment.class)) {
            assertThat(container(deployment).getEnvFrom())
                    .anySatisfy(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("northstar-config"));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsKey("checksum/config")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", "9000");
        }
    }

    @Test
    void productionValuesScaleUpAndConfigureTheIssuerAndTracing() {
        Manifests manifests = Chart.production()
                .set("image.registry", "registry.example.com")
                .set("image.tag", "1.2.3")
                .set("auth.publicKeyLocation", JWKS)
                .set("auth.issuer", ISSUER)
                .set("tracing.otlpEndpoint", "http://otel-collector.observability:4317")
                .render();

        Map<String, Deployment> defaults = Chart.defaults().render().of(Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
        for (String service : SERVICES) {
            String name = "northstar-" + service;
            Deployment deployment = manifests.get(Deployment.class, name);
            assertOperable(deployment, service);
            assertThat(container(deployment).getImage())
                    .isEqualTo("registry.example.com/northstar/" + service + "-service:1.2.3");
            assertThat(manifests.get(HorizontalPodAutoscaler.class, name).getSpec().getMinReplicas())
                    .isGreaterThanOrEqualTo(3);
            Map<String, Quantity> limits = container(deployment).getResources().getLimits();
            Map<String, Quantity> defaultLimits = container(defaults.get(name)).getResources().getLimits();
            assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                    .isGreaterThan(Quantity.getAmountInBytes(defaultLimits.get("memory")));
        }

        ConfigMap config = manifests.get(ConfigMap.class, "northstar-config");
        assertThat(config.getData())
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", JWKS)
                .containsEntry("MP_JWT_VERIFY_ISSUER", ISSUER)
                .containsEntry("SMALLRYE_JWT_PATH_GROUPS", "realm_access/roles")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
                .containsEntry("NORTHSTAR_TOPICS_PARTITIONS", "12");
        assertThat(manifests.of(KafkaTopic.class)).filteredOn(t -> !t.getMetadata().getName().endsWith(".dlt"))
                .allSatisfy(t -> assertThat(t.getSpec().getPartitions()).isEqualTo(12));

        // the issuer's JWKS and the collector are allowed out
        assertThat(egressPorts(manifests)).contains(443, 4317, 5432, 9093, 53);
        assertThat(egressPorts(manifests.get(NetworkPolicy.class, "northstar-egress-issuer"))).containsExactly(443, 8443);
        assertThat(egressPorts(manifests.get(NetworkPolicy.class, "northstar-egress-tracing"))).containsExactly(4317);
    }

    @Test
    void anImageIsPinnedByItsDigestWhenGiven() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        Manifests manifests = Chart.defaults().set("image.registry", "registry.example.com").set("image.tag", "1.2.3")
                .set("services.backlog.imageDigest", digest).render();
        assertThat(container(manifests.get(Deployment.class, "northstar-backlog")).getImage())
                .isEqualTo("registry.example.com/northstar/backlog-service@" + digest);
        assertThat(container(manifests.get(Deployment.class, "northstar-roadmap")).getImage())
                .isEqualTo("registry.example.com/northstar/roadmap-service:1.2.3");
        assertThatThrownBy(() -> Chart.defaults().set("services.backlog.imageDigest", "latest").template())
                .hasMessageContaining("imageDigest");
    }

    /** Quarkus init tasks: each service's image migrates its database once per install or upgrade, in a Job. */
    @Test
    void migrationsRunOnceInAJobAndThePodsOnlyCheckTheSchema() {
        Manifests manifests = Chart.defaults().set("customerData.masterKeySecret.name", "northstar-master-key").render();
        for (String service : SERVICES) {
            Deployment deployment = manifests.get(Deployment.class, "northstar-" + service);
            // one Job per release revision: a Job's pod template cannot change, the next upgrade makes a new one
            Job job = manifests.get(Job.class, "northstar-" + service + "-migrate-1");
            var pod = job.getSpec().getTemplate().getSpec();
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
            assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(900L);
            Container migrate = pod.getContainers().getFirst();
            assertThat(migrate.getImage()).isEqualTo(container(deployment).getImage());
            assertThat(migrate.getEnvFrom()).isEqualTo(container(deployment).getEnvFrom());
            Map<String, EnvVar> env = migrate.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
            assertThat(env.get("QUARKUS_INIT_AND_EXIT").getValue()).isEqualTo("true");
            assertThat(env.get("QUARKUS_FLYWAY_MIGRATE_AT_START").getValue()).isEqualTo("true");
            String prefix = service.toUpperCase();
            for (String key : List.of("url", "user", "password")) {
                assertThat(env.get(prefix + "_DB_" + key.toUpperCase()).getValueFrom().getSecretKeyRef().getKey())
                        .isEqualTo(service + "-" + key);
            }
            assertThat(env.containsKey("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY")).isEqualTo(Set.of("feedback", "integrations").contains(service));
            assertThat(migrate.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

            Map<String, EnvVar> podEnv = container(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
            assertThat(podEnv.get("QUARKUS_FLYWAY_MIGRATE_AT_START").getValue()).isEqualTo("false");
            assertThat(podEnv.get("QUARKUS_FLYWAY_VALIDATE_AT_START").getValue()).isEqualTo("true");
        }

        Manifests inPods = Chart.defaults().set("migrations.job.enabled", false).render();
        assertThat(inPods.of(Job.class)).isEmpty();
        assertThat(container(inPods.get(Deployment.class, "northstar-roadmap")).getEnv())
                .noneMatch(e -> e.getName().startsWith("QUARKUS_FLYWAY_"));
    }

    @Test
    void strimziRendersAKraftClusterAndTheTopics() {
        Manifests manifests = Chart.defaults().render();

        Kafka kafka = manifests.get(Kafka.class, "northstar-kafka");
        // Strimzi 1.0 serves only the v1 API
        assertThat(manifests.apiVersionsOf("Kafka")).containsExactly("kafka.strimzi.io/v1");
        assertThat(manifests.apiVersionsOf("KafkaNodePool")).containsExactly("kafka.strimzi.io/v1");
        assertThat(manifests.apiVersionsOf("KafkaTopic")).hasSize(12).containsOnly("kafka.strimzi.io/v1");
        assertThat(manifests.apiVersionsOf("KafkaUser")).hasSize(5).containsOnly("kafka.strimzi.io/v1");
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        // one listener, TLS, every client authenticated, and simple authorization (ACLs) on
        assertThat(kafka.getSpec().getKafka().getListeners()).singleElement().satisfies(listener -> {
            assertThat(listener.getName()).isEqualTo("tls");
            assertThat(listener.getPort()).isEqualTo(9093);
            assertThat(listener.isTls()).isTrue();
            assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
            assertThat(listener.getNetworkPolicyPeers()).singleElement().satisfies(peer ->
                    assertThat(peer.getPodSelector().getMatchExpressions().getFirst().getValues())
                            .containsExactlyInAnyOrder("roadmap-service", "backlog-service", "feedback-service", "analytics-service", "integrations-service"));
        });
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(kafka.getSpec().getKafka().getConfig())
                .containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3)
                .containsEntry("auto.create.topics.enable", false);
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();

        KafkaNodePool pool = manifests.of(KafkaNodePool.class).getFirst();
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "northstar-kafka");
        assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
        assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.BROKER, ProcessRoles.CONTROLLER);

        Map<String, KafkaTopic> topics = manifests.of(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
        assertThat(topics.keySet()).containsExactlyInAnyOrder(
                "northstar.roadmap.events", "northstar.roadmap.events.dlt",
                "northstar.backlog.events", "northstar.backlog.events.dlt",
                "northstar.feedback.events", "northstar.feedback.events.dlt",
                "northstar.integrations.events", "northstar.integrations.events.dlt",
                "northstar.analytics.metrics", "northstar.analytics.metrics.dlt",
                "northstar.feedback.customer-keys", "northstar.feedback.customer-keys.dlt");
        for (KafkaTopic topic : topics.values()) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "northstar-kafka");
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
            assertThat(number(topic.getSpec().getConfig().get("min.insync.replicas"))).isEqualTo(2);
        }
        for (String name : DOMAIN_TOPICS) {
            // events are kept forever: read models and analytics rebuild by replaying them
            KafkaTopic topic = topics.get(name);
            assertThat(topic.getSpec().getPartitions()).isEqualTo(6);
            assertThat(number(topic.getSpec().getConfig().get("retention.ms"))).isEqualTo(-1);
            assertThat(topic.getSpec().getConfig()).doesNotContainKey("cleanup.policy");
        }
        KafkaTopic metrics = topics.get(METRICS_TOPIC);
        assertThat(metrics.getSpec().getPartitions()).isEqualTo(6);
        assertThat(metrics.getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
        // an erased customer's key must leave Kafka: the cleaner runs within about two hours of the erasure
        KafkaTopic keys = topics.get("northstar.feedback.customer-keys");
        assertThat(keys.getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
        assertThat(number(keys.getSpec().getConfig().get("max.compaction.lag.ms"))).isEqualTo(3_600_000L);
        assertThat(number(keys.getSpec().getConfig().get("segment.ms"))).isEqualTo(3_600_000L);
        for (String name : List.of(DOMAIN_TOPICS.get(0), DOMAIN_TOPICS.get(1), DOMAIN_TOPICS.get(2), METRICS_TOPIC)) {
            KafkaTopic dlt = topics.get(name + ".dlt");
            assertThat(dlt.getSpec().getPartitions()).isEqualTo(1);
            assertThat(number(dlt.getSpec().getConfig().get("retention.ms"))).isEqualTo(30L * 24 * 60 * 60 * 1000);
        }
    }

    @Test
    void theStrimziV1beta2ApiCanStillBeChosen() {
        Manifests manifests = Chart.defaults().set("kafka.strimzi.apiVersion", "kafka.strimzi.io/v1beta2").render();
        assertThat(manifests.of(Kafka.class)).hasSize(1);
        assertThat(manifests.apiVersionsOf("Kafka")).containsExactly("kafka.strimzi.io/v1beta2");
        assertThat(manifests.apiVersionsOf("KafkaNodePool")).containsExactly("kafka.strimzi.io/v1beta2");
        assertThat(manifests.apiVersionsOf("KafkaTopic")).hasSize(12).containsOnly("kafka.strimzi.io/v1beta2");
        assertThat(manifests.apiVersionsOf("KafkaUser")).hasSize(5).containsOnly("kafka.strimzi.io/v1beta2");
    }

    @Test
    void withoutStrimziTheServicesUseTheGivenBootstrapServers() {
        Manifests manifests = Chart.defaults()
                .set("kafka.strimzi.enabled", false)
                .set("kafka.bootstrapServers", "kafka-0.kafka.example.internal:9092")
                .render();
        assertThat(manifests.of(Kafka.class)).isEmpty();
        assertThat(manifests.of(KafkaNodePool.class)).isEmpty();
        assertThat(manifests.of(KafkaTopic.class)).isEmpty();
        assertThat(manifests.get(ConfigMap.class, "northstar-config").getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka.example.internal:9092")
                .containsEntry("NORTHSTAR_TOPICS_CREATE", "true");
        assertThat(egressPorts(manifests.get(NetworkPolicy.class, "northstar-egress-kafka"))).contains(9092);

        assertThatThrownBy(() -> Chart.defaults().set("kafka.strimzi.enabled", false).template())
                .hasMessageContaining("kafka.bootstrapServers is required");
    }

    @Test
    void anExistingStrimziClusterGetsOnlyTheTopics() {
        Manifests manifests = Chart.defaults()
                .set("kafka.strimzi.createCluster", false)
                .set("kafka.strimzi.clusterName", "shared")
                .render();
        assertThat(manifests.of(Kafka.class)).isEmpty();
        assertThat(manifests.of(KafkaNodePool.class)).isEmpty();
        assertThat(manifests.of(KafkaTopic.class)).hasSize(12)
                .allSatisfy(t -> assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "shared"));
        assertThat(manifests.get(ConfigMap.class, "northstar-config").getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "shared-kafka-bootstrap:9093");
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowTheIngressControllerPrometheusAndTheBackends() {
        Manifests manifests = Chart.defaults().render();
        Deployment roadmap = manifests.get(Deployment.class, "northstar-roadmap");
        Map<String, String> podLabels = roadmap.getSpec().getTemplate().getMetadata().getLabels();

        NetworkPolicy deny = manifests.get(NetworkPolicy.class, "northstar-default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(deny.getSpec().getEgress()).isEmpty();
        assertThat(podLabels).containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions().getFirst().getValues())
                .containsExactlyInAnyOrder("roadmap-service", "backlog-service", "feedback-service", "analytics-service", "integrations-service");

        // the API from the ingress controller, the management port (health, metrics) from Prometheus, nothing else
        NetworkPolicy http = manifests.get(NetworkPolicy.class, "northstar-allow-http");
        assertThat(http.getSpec().getIngress()).hasSize(2).allSatisfy(rule -> assertThat(rule.getFrom()).singleElement()
                .satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNotNull();
                    assertThat(peer.getPodSelector()).isNotNull();
                }));
        assertThat(http.getSpec().getIngress()).extracting(rule -> rule.getPorts().getFirst().getPort().getIntVal()
                        + " from " + rule.getFrom().getFirst().getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .containsExactly("8080 from ingress-nginx", "9000 from monitoring");

        // one policy per destination, each with peers (a rule without peers would allow everywhere)
        List<NetworkPolicy> egress = manifests.of(NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().startsWith("northstar-egress-")).toList();
        assertThat(egress).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("northstar-egress-dns", "northstar-egress-kafka", "northstar-egress-postgres");
        assertThat(egress).flatExtracting(p -> p.getSpec().getEgress())
                .allSatisfy(rule -> assertThat(rule.getTo()).as("an egress rule without peers allows everywhere").isNotEmpty());
        NetworkPolicy kafka = manifests.get(NetworkPolicy.class, "northstar-egress-kafka");
        assertThat(kafka.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).extracting(NetworkPolicyPeer::getPodSelector).isNotNull()
                    .anySatisfy(selector -> assertThat(selector.getMatchLabels()).containsEntry("strimzi.io/cluster", "northstar-kafka"));
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(9093);
        });
        assertThat(egressPorts(manifests)).contains(53, 5432, 9093).doesNotContain(4317, 9092);
        // no issuer configured: no JWKS egress yet
        assertThat(egressPorts(manifests)).doesNotContain(443);

        // roadmap- and analytics-service (only they) ask integrations-service whether a share link still opens
        NetworkPolicy checksIn = manifests.get(NetworkPolicy.class, "northstar-allow-share-link-checks");
        assertThat(checksIn.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "integrations-service");
        assertThat(checksIn.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                    .containsExactlyInAnyOrder("roadmap-service", "analytics-service");
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8080);
        });
        NetworkPolicy checksOut = manifests.get(NetworkPolicy.class, "northstar-share-link-checks-out");
        assertThat(checksOut.getSpec().getPodSelector().getMatchExpressions().getFirst().getValues())
                .containsExactlyInAnyOrder("roadmap-service", "analytics-service");
        assertThat(checksOut.getSpec().getEgress()).singleElement().satisfies(rule -> assertThat(rule.getTo()).singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "integrations-service")));

        // integrations-service alone reaches the teams' webhook endpoints: public addresses on 443
        NetworkPolicy webhooks = manifests.get(NetworkPolicy.class, "northstar-allow-webhooks");
        assertThat(webhooks.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "integrations-service");
        assertThat(webhooks.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(webhooks.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(peer -> {
                assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                assertThat(peer.getIpBlock().getExcept()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
            });
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443);
        });
    }

    /**
     * Policies add up: the database's, the issuer's, Kafka's and the collector's rules must not reopen for
     * integrations-service the private ranges its webhook egress leaves out. Only the destinations named reach in.
     */
    @Test
    void noEgressRuleReopensThePrivateRangesWebhooksLeaveOut() {
        List<String> privateAddresses = List.of("10.1.2.3", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "10.20.0.6");
        List<Integer> ports = List.of(80, 443, 4317, 5432, 8080, 8443, 9092, 9093);
        for (Chart chart : List.of(Chart.defaults(), Chart.production())) {
            Manifests manifests = chart
                    .set("auth.publicKeyLocation", JWKS)
                    .set("tracing.otlpEndpoint", "http://otel-collector.observability:4317")
                    .set("kafka.strimzi.enabled", false)
                    .set("kafka.bootstrapServers", "kafka.example.internal:9093")
                    .set("networkPolicy.egress.postgres.cidr", "10.20.0.5/32")
                    .set("networkPolicy.egress.issuer.cidr", "0.0.0.0/0")
                    .set("networkPolicy.egress.issuer.except[0]", "10.0.0.0/8")
                    .set("networkPolicy.egress.issuer.except[1]", "172.16.0.0/12")
                    .set("networkPolicy.egress.issuer.except[2]", "192.168.0.0/16")
                    .set("networkPolicy.egress.issuer.except[3]", "169.254.0.0/16")
                    .set("networkPolicy.egress.issuer.except[4]", "100.64.0.0/10")
                    .render();
            Map<String, String> integrations = manifests.get(Deployment.class, "northstar-integrations")
                    .getSpec().getTemplate().getMetadata().getLabels();
            Egress egress = new Egress(manifests.of(NetworkPolicy.class), integrations);
            for (String address : privateAddresses) {
                for (int port : ports) {
                    assertThat(egress.allows(address, port)).as("integrations-service to %s:%d", address, port).isFalse();
                }
            }
            // the database named, on its port only; public addresses on the webhook and issuer ports
            assertThat(egress.allows("10.20.0.5", 5432)).isTrue();
            assertThat(egress.allows("10.20.0.5", 443)).isFalse();
            assertThat(egress.allows("93.184.216.34", 443)).isTrue();
            assertThat(egress.allows("93.184.216.34", 5432)).isFalse();
        }
        // an unnamed destination is the release's namespace, never every address
        NetworkPolicy postgres = Chart.defaults().render().get(NetworkPolicy.class, "northstar-egress-postgres");
        assertThat(postgres.getSpec().getEgress().getFirst().getTo()).singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock()).isNull());
        // and every address, without except ranges, is refused
        assertThatThrownBy(() -> Chart.defaults().set("networkPolicy.egress.postgres.cidr", "0.0.0.0/0").template())
                .hasMessageContaining("networkPolicy.egress.postgres.cidr 0.0.0.0/0 would open every private address");
    }

    @Test
    void renderedSecretHoldsThePasswordsAndNothingElseDoes() {
        Chart chart = Chart.defaults().set("postgres.createSecret", true);
        for (String service : SERVICES) {
            chart.set("postgres.credentials." + service + ".password", "pw-" + service + "-Zq8!x");
        }
        String rendered = chart.template();
        Manifests manifests = Manifests.parse(rendered);

        Secret secret = manifests.get(Secret.class, "northstar-postgres");
        for (String service : SERVICES) {
            assertThat(secret.getStringData())
                    .containsEntry(service + "-password", "pw-" + service + "-Zq8!x")
                    .containsKeys(service + "-url", service + "-user");
        }
        // every rendered document but the Secret is free of the passwords
        for (HasMetadata resource : manifests.all()) {
            if (resource instanceof Secret) {
                continue;
            }
            String text = Manifests.STRICT.valueToTree(resource).toString();
            for (String service : SERVICES) {
                assertThat(text).as("%s %s", resource.getKind(), resource.getMetadata().getName())
                        .doesNotContain("pw-" + service + "-Zq8!x");
            }
        }
        assertNoPlainPasswords(manifests);

        assertThatThrownBy(() -> Chart.defaults().set("postgres.createSecret", true).template())
                .hasMessageContaining("postgres.credentials.analytics.password is required");
    }

    @Test
    void byDefaultNoSecretIsRenderedAndNoPasswordIsInPlainText() {
        Manifests manifests = Chart.production().set("auth.publicKeyLocation", JWKS).render();
        assertThat(manifests.of(Secret.class)).isEmpty();
        assertNoPlainPasswords(manifests);
        assertNoPlainPasswords(Chart.defaults().render());
    }

    @Test
    void aPublicKeyFromASecretIsMountedAndUsed() {
        Manifests manifests = Chart.defaults()
                .set("auth.publicKeySecret.name", "northstar-jwt")
                .set("auth.issuer", ISSUER)
                .render();
        assertThat(manifests.get(ConfigMap.class, "northstar-config").getData())
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/northstar/jwt/jwt-public.pem");
        for (Deployment deployment : manifests.of(Deployment.class)) {
            assertThat(container(deployment).getVolumeMounts())
                    .anySatisfy(m -> {
                        assertThat(m.getMountPath()).isEqualTo("/etc/northstar/jwt");
                        assertThat(m.getReadOnly()).isTrue();
                    });
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> "jwt-public-key".equals(v.getName()))
                    .singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("northstar-jwt"));
        }
    }

    /** The current key, and the previous ones of a rotation when the Secret has them (optional: none at first). */
    @Test
    void theCustomerDataMasterKeysReachTheServicesThatSealAndOpenCustomersDataFromTheirSecret() {
        Manifests manifests = Chart.defaults().set("customerData.masterKeySecret.name", "northstar-customer-data").render();
        for (Deployment deployment : manifests.of(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            var masterKey = container(deployment).getEnv().stream()
                    .filter(e -> e.getName().equals("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY")).toList();
            var previousKeys = container(deployment).getEnv().stream()
                    .filter(e -> e.getName().equals("NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS")).toList();
            if (name.endsWith("feedback") || name.endsWith("integrations")) {
                assertThat(masterKey).as(name).singleElement().satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("northstar-customer-data");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("master-key");
                });
                assertThat(previousKeys).as(name).singleElement().satisfies(e -> {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("northstar-customer-data");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("previous-master-keys");
                    assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
                });
            } else {
                assertThat(masterKey).as(name).isEmpty();
                assertThat(previousKeys).as(name).isEmpty();
            }
        }
    }

    @Test
    void withoutAutoscalingTheDeploymentSetsTheReplicas() {
        Manifests manifests = Chart.defaults()
                .set("services.backlog.autoscaling.enabled", false)
                .set("services.backlog.replicas", 5)
                .set("services.feedback.enabled", false)
                .render();
        assertThat(manifests.get(Deployment.class, "northstar-backlog").getSpec().getReplicas()).isEqualTo(5);
        assertThat(manifests.named(HorizontalPodAutoscaler.class, "northstar-backlog")).isEmpty();
        assertThat(manifests.named(Deployment.class, "northstar-feedback")).isEmpty();
        assertThat(manifests.named(Service.class, "northstar-feedback")).isEmpty();
        assertThat(manifests.of(Deployment.class)).hasSize(4);
    }

    /** values.schema.json: a misspelt or misplaced value fails the render instead of being ignored. */
    @Test
    void aMisspeltValueFailsTheRender() {
        Map<String, String> typos = Map.of("image.tga", "tga", "networkPolicy.egress.postgress.cidr", "postgress",
                "services.roadmap.replica", "replica", "kafka.strimzi.apiversion", "apiversion", "migrations.jobs.enabled", "jobs");
        typos.forEach((typo, property) -> assertThatThrownBy(() -> Chart.defaults().set(typo, "1").template()).as(typo)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("Additional property " + property + " is not allowed"));
        assertThatThrownBy(() -> Chart.defaults().set("kafka.strimzi.authentication", "scram").template())
                .hasMessageContaining("kafka.strimzi.authentication");
        assertThatThrownBy(() -> Chart.defaults().set("kafka.strimzi.apiVersion", "kafka.strimzi.io/v1alpha1").template())
                .hasMessageContaining("kafka.strimzi.apiVersion");
    }

    @Test
    void aMisspeltFieldFailsTheStrictReading() throws Exception {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          livenessProbe: {httpGet: {pth: /q/health/live, port: 8080}}
                """;
        JsonNode node = Manifests.STRICT.readTree(deployment);
        assertThatThrownBy(() -> Manifests.read(node)).hasMessageContaining("pth");
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 1, replica: 3}
                """;
        assertThatThrownBy(() -> Manifests.read(Manifests.STRICT.readTree(topic))).hasMessageContaining("replica");
    }

    @Test
    void eachServiceIsAKafkaUserAllowedWhatItsConfigurationUsesAndNothingElse() throws IOException {
        Manifests manifests = Chart.defaults().render();
        assertThat(manifests.of(KafkaUser.class)).hasSize(5);
        for (String service : SERVICES) {
            Properties config = new Properties();
            try (var in = Files.newInputStream(Repository.root().resolve(service + "-service/src/main/resources/application.properties"))) {
                config.load(in);
            }
            String group = service + "-service.";
            Set<String> expected = new TreeSet<>(List.of(
                    "topic " + config.getProperty("northstar.events.topic") + " Write",
                    "topic " + config.getProperty("northstar.events.topic") + " Describe",
                    "group " + group + "* Read", "group " + group + "* Describe"));
            for (String topic : config.getProperty("northstar.topics.also-published", "").split(",")) {
                if (!topic.isBlank()) {
                    expected.addAll(List.of("topic " + topic + " Write", "topic " + topic + " Describe"));
                }
            }
            for (String key : config.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics")) {
                    for (String topic : config.getProperty(key).split(",")) {
                        expected.addAll(List.of("topic " + topic + " Read", "topic " + topic + " Describe",
                                "topic " + topic + ".dlt Write", "topic " + topic + ".dlt Read", "topic " + topic + ".dlt Describe"));
                    }
                }
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                    assertThat(config.getProperty(key)).as(key).startsWith(group);
                }
            }

            KafkaUser user = manifests.get(KafkaUser.class, "northstar-" + service);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "northstar-kafka");
            assertThat(user.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
            Set<String> granted = new TreeSet<>();
            for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
                String resource = switch (rule.getResource()) {
                    case AclRuleTopicResource topic when topic.getPatternType() == AclResourcePatternType.LITERAL ->
                            "topic " + topic.getName();
                    case AclRuleGroupResource prefix when prefix.getPatternType() == AclResourcePatternType.PREFIX ->
                            "group " + prefix.getName() + "*";
                    default -> throw new AssertionError("unexpected ACL resource " + rule.getResource());
                };
                rule.getOperations().forEach(operation -> granted.add(resource + " " + operation.toValue()));
            }
            assertThat(granted).as("ACLs of %s-service", service).isEqualTo(expected);
        }
    }

    @Test
    void theServicesAuthenticateToKafkaWithTheirKafkaUsersSecretAndTrustTheClusterCa() {
        Manifests manifests = Chart.defaults().render();
        for (String service : SERVICES) {
            Deployment deployment = manifests.get(Deployment.class, "northstar-" + service);
            Map<String, EnvVar> env = container(deployment).getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName()).isEqualTo("northstar-" + service);
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_TYPE").getValue()).isEqualTo("PEM");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue()).isEqualTo("/etc/northstar/kafka-ca/ca.crt");
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getSecret()).extracting("secretName").isEqualTo("northstar-kafka-cluster-ca-cert"));
            assertThat(container(deployment).getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/northstar/kafka-ca"));
        }
        assertThat(egressPorts(manifests.get(NetworkPolicy.class, "northstar-egress-kafka"))).contains(9093).doesNotContain(9092);
    }

    @Test
    void withoutAuthenticationTheClusterHasThePlainListenerAndNoUsers() {
        Manifests manifests = Chart.defaults().set("kafka.strimzi.authentication", "none").render();
        assertThat(manifests.of(KafkaUser.class)).isEmpty();
        Kafka kafka = manifests.get(Kafka.class, "northstar-kafka");
        assertThat(kafka.getSpec().getKafka().getListeners()).extracting(GenericKafkaListener::getPort).containsExactly(9092, 9093);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isNull();
        assertThat(manifests.get(ConfigMap.class, "northstar-config").getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "northstar-kafka-kafka-bootstrap:9092");
        assertThat(container(manifests.get(Deployment.class, "northstar-backlog")).getEnv())
                .noneMatch(e -> e.getName().startsWith("KAFKA_"));
    }

    @Test
    void anExistingClusterIsReachedWithTheGivenClientSecurity() {
        Manifests manifests = Chart.defaults()
                .set("kafka.strimzi.enabled", false)
                .set("kafka.bootstrapServers", "kafka.example.internal:9094")
                .set("kafka.external.securityProtocol", "SASL_SSL")
                .set("kafka.external.saslMechanism", "SCRAM-SHA-512")
                .set("kafka.external.saslJaasConfigSecret.name", "kafka-login")
                .set("kafka.external.caCertificateSecret.name", "kafka-ca")
                .render();
        Map<String, EnvVar> env = container(manifests.get(Deployment.class, "northstar-feedback")).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
        assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-login");
        assertThat(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue()).isEqualTo("/etc/northstar/kafka-ca/ca.crt");
        assertThat(manifests.of(KafkaUser.class)).isEmpty();
    }

    @Test
    void helmUninstallKeepsTheKafkaClusterAndTheTopicsUnlessToldOtherwise() {
        Manifests manifests = Chart.defaults().render();
        List<HasMetadata> kept = new java.util.ArrayList<>();
        kept.addAll(manifests.of(Kafka.class));
        kept.addAll(manifests.of(KafkaNodePool.class));
        kept.addAll(manifests.of(KafkaTopic.class));
        assertThat(kept).hasSize(14).allSatisfy(resource ->
                assertThat(resource.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep"));

        Manifests dropped = Chart.defaults().set("kafka.strimzi.keepOnUninstall", false).render();
        assertThat(dropped.of(KafkaTopic.class)).allSatisfy(topic -> assertThat(topic.getMetadata().getAnnotations())
                .doesNotContainKey("helm.sh/resource-policy"));
    }

    @Test
    void aServiceMonitorScrapesTheManagementPortWhenAsked() {
        assertThat(Chart.defaults().render().of(ServiceMonitor.class)).isEmpty();
        Manifests manifests = Chart.defaults().set("metrics.serviceMonitor.enabled", true)
                .set("metrics.serviceMonitor.labels.release", "kube-prometheus-stack").render();
        ServiceMonitor monitor = manifests.get(ServiceMonitor.class, "northstar");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("management");
            assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
        });
        for (Service service : manifests.of(Service.class)) {
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains("management");
        }
    }

    /** Probes, resources, hardening, the port and the database Secret references of one service's Deployment. */
    private static void assertOperable(Deployment deployment, String service) {
        String prefix = service.toUpperCase();
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(deployment);
        assertThat(container.getName()).isEqualTo(service + "-service");
        assertThat(container.getImage()).contains("northstar/" + service + "-service:");
        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:8080", "management:9000");

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));

        // graceful shutdown: serve on during the preStop sleep, then Quarkus drains for its timeout, then closes
        assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5);
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(5 + 15 + 20);

        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        Map<String, EnvVar> env = container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        assertThat(env.get(prefix + "_PORT").getValue()).isEqualTo("8080");
        assertThat(env.get(prefix + "_MANAGEMENT_PORT").getValue()).isEqualTo("9000");
        assertThat(env.get("QUARKUS_SHUTDOWN_TIMEOUT").getValue()).isEqualTo("15s");
        for (String suffix : List.of("url", "user", "password")) {
            EnvVar variable = env.get(prefix + "_DB_" + suffix.toUpperCase());
            assertThat(variable).as("%s_DB_%s", prefix, suffix.toUpperCase()).isNotNull();
            assertThat(variable.getValue()).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("northstar-postgres");
            assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(service + "-" + suffix);
        }
    }

    /** No ConfigMap key and no Deployment env var that names a password carries a value of its own. */
    private static void assertNoPlainPasswords(Manifests manifests) {
        for (ConfigMap config : manifests.of(ConfigMap.class)) {
            assertThat(config.getData().keySet()).noneMatch(key -> key.toUpperCase().contains("PASSWORD"));
        }
        for (Deployment deployment : manifests.of(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(container.getEnv()).filteredOn(e -> e.getName().toUpperCase().contains("PASSWORD"))
                        .isNotEmpty()
                        .allSatisfy(e -> {
                            assertThat(e.getValue()).isNull();
                            assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull();
                        });
            }
        }
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The ports the services' egress policies (northstar-egress-*) open. */
    private static List<Integer> egressPorts(Manifests manifests) {
        return manifests.of(NetworkPolicy.class).stream().filter(p -> p.getMetadata().getName().startsWith("northstar-egress-"))
                .flatMap(p -> egressPorts(p).stream()).toList();
    }

    private static List<Integer> egressPorts(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal())
                .filter(Objects::nonNull)
                .toList();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
