package dev.northstar.platform.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.JaasUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker that authenticates (SASL PLAIN) and authorizes (ACLs) its clients, set up the way the chart's KafkaUsers
 * set up a service: the broker's administrator creates the platform test application's topics and grants its user
 * write on its events topic, read on that topic for its consumer, write and read on the dead-letter topic and its
 * consumer groups (prefix {@code platform-test.}), and nothing else.
 */
public final class SecuredKafka {
    public static final String USER = JaasUtils.KAFKA_PLAIN_USER1;
    public static final String EVENTS_TOPIC = "northstar.platform-test.events";
    /** A topic the application's user may not write. */
    public static final String FORBIDDEN_TOPIC = "northstar.someone-else.events";

    static Map<String, String> prepare(String bootstrapServers) {
        Map<String, Object> admin = new HashMap<>(clientSecurity(JaasUtils.KAFKA_PLAIN_ADMIN, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        admin.put("bootstrap.servers", bootstrapServers);
        String deadLetters = EVENTS_TOPIC + ".dlt";
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(EVENTS_TOPIC, 3, (short) 1), new NewTopic(deadLetters, 1, (short) 1),
                    new NewTopic(FORBIDDEN_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>();
            acls.addAll(allow(ResourceType.TOPIC, EVENTS_TOPIC, PatternType.LITERAL, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE));
            acls.addAll(allow(ResourceType.TOPIC, deadLetters, PatternType.LITERAL, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE));
            acls.addAll(allow(ResourceType.GROUP, "platform-test.", PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE));
            client.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the secured test broker", e);
        }
        Map<String, String> config = new HashMap<>();
        clientSecurity(USER, JaasUtils.KAFKA_PLAIN_USER1_PASSWORD).forEach((key, value) -> config.put("kafka." + key, value));
        config.put("kafka.bootstrap.servers", bootstrapServers);
        // the administrator made the topics: this user may not create any
        config.put("northstar.topics.create", "false");
        return config;
    }

    private static Map<String, String> clientSecurity(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    private static List<AclBinding> allow(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        return Arrays.stream(operations).map(operation -> new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + USER, "*", operation, AclPermissionType.ALLOW))).toList();
    }

    private SecuredKafka() {
    }
}
