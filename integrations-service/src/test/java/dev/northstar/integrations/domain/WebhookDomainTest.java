package dev.northstar.integrations.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookDomainTest {

    @Test
    void the_signature_is_the_one_of_the_standard_webhooks_test_vector() {
        // from the Standard Webhooks specification's reference implementations
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_generated_secret_reads_back_and_a_malformed_one_is_refused() {
        WebhookSecret generated = WebhookSecret.generate();
        assertThat(generated.written()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(generated.written())).isEqualTo(generated);
        assertThat(generated.toString()).doesNotContain(generated.written().substring(6));
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
    }

    @Test
    void patterns_match_types_with_a_star_for_any_run_of_characters() {
        assertThat(new EventTypePattern("northstar.roadmap.*").matches("northstar.roadmap.InitiativeMoved.v1")).isTrue();
        assertThat(new EventTypePattern("northstar.roadmap.*").matches("northstar.backlog.ItemCreated.v1")).isFalse();
        assertThat(new EventTypePattern("northstar.*.ItemAccepted.*").matches("northstar.backlog.ItemAccepted.v1")).isTrue();
        assertThat(new EventTypePattern("northstar.backlog.ItemAccepted.v1").matches("northstar.backlog.ItemAccepted.v1")).isTrue();
        assertThat(new EventTypePattern("northstar.backlog.ItemAccepted.v1").matches("northstar.backlog.ItemAccepted.v10")).isFalse();
        assertThat(new EventTypePattern("*").matches("northstar.feedback.FeedbackSubmitted.v1")).isTrue();
        for (String bad : new String[]{"", "roadmap.*", "northstar.road map", "northstar..x", "northstar.%", "northstar._x"}) {
            assertThatThrownBy(() -> new EventTypePattern(bad)).as(bad).isInstanceOf(RuleViolation.class);
        }
    }

    @Test
    void retries_wait_longer_each_time_within_the_jitter_and_end() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2);
        assertThat(schedule.maxAttempts()).isEqualTo(3);
        assertThat(schedule.delayAfter(1, () -> 0.0)).contains(Duration.ofSeconds(4));
        assertThat(schedule.delayAfter(1, () -> 1.0)).contains(Duration.ofSeconds(6));
        assertThat(schedule.delayAfter(2, () -> 0.5)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(3, () -> 0.5)).isEmpty();
        assertThat(RetrySchedule.STANDARD.total()).isBetween(Duration.ofHours(24), Duration.ofHours(30));
    }

    @Test
    void addresses_are_told_apart_for_the_request_forgery_guard() throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName("127.0.0.1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(InetAddress.getByName("::1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(InetAddress.getByName("10.1.2.3"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("172.20.0.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("192.168.1.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("100.64.0.1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("fd00::1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("169.254.169.254"))).isEqualTo(AddressKind.LINK_LOCAL);
        assertThat(AddressKind.of(InetAddress.getByName("fe80::1"))).isEqualTo(AddressKind.LINK_LOCAL);
        assertThat(AddressKind.of(InetAddress.getByName("0.0.0.0"))).isEqualTo(AddressKind.RESERVED);
        assertThat(AddressKind.of(InetAddress.getByName("224.0.0.1"))).isEqualTo(AddressKind.RESERVED);
        assertThat(AddressKind.of(InetAddress.getByName("93.184.216.34"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(AddressKind.of(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isEqualTo(AddressKind.PUBLIC);
    }

    @Test
    void an_ipv4_address_inside_an_ipv6_one_is_judged_as_itself() throws Exception {
        // the metadata address (169.254.169.254 = a9fe:a9fe) through NAT64, 6to4, IPv4-mapped and -compatible forms
        for (String metadata : new String[]{"64:ff9b::a9fe:a9fe", "64:ff9b::169.254.169.254", "2002:a9fe:a9fe::1",
                "2002:a9fe:a9fe:1234:5678::9", "::ffff:a9fe:a9fe", "::169.254.169.254"}) {
            assertThat(AddressKind.of(InetAddress.getByName(metadata))).as(metadata).isEqualTo(AddressKind.LINK_LOCAL);
        }
        assertThat(AddressKind.of(InetAddress.getByName("64:ff9b::a00:7"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("2002:c0a8:101::1"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("64:ff9b::7f00:1"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(InetAddress.getByName("2002:7f00:1::"))).isEqualTo(AddressKind.LOOPBACK);
        assertThat(AddressKind.of(InetAddress.getByName("::0.0.0.7"))).isEqualTo(AddressKind.RESERVED);
        // the local-use NAT64 prefix is the operator's own network; Teredo hides its address
        assertThat(AddressKind.of(InetAddress.getByName("64:ff9b:1::a9fe:a9fe"))).isEqualTo(AddressKind.PRIVATE);
        assertThat(AddressKind.of(InetAddress.getByName("2001:0:4136:e378:8000:63bf:3fff:fdd2"))).isEqualTo(AddressKind.RESERVED);
        // a public IPv4 address through a translator is public
        assertThat(AddressKind.of(InetAddress.getByName("64:ff9b::5db8:d822"))).isEqualTo(AddressKind.PUBLIC);
        assertThat(AddressKind.of(InetAddress.getByName("2002:5db8:d822::1"))).isEqualTo(AddressKind.PUBLIC);
    }

    @Test
    void a_webhook_url_is_https_unless_http_is_allowed_and_carries_no_credentials() {
        assertThat(WebhookUrl.parse("https://hooks.example.com/n", false).host()).isEqualTo("hooks.example.com");
        assertThat(WebhookUrl.parse("http://localhost:9000/n", true).host()).isEqualTo("localhost");
        assertThat(WebhookUrl.parse("https://[::1]:9000/n", false).host()).isEqualTo("::1");
        assertThatThrownBy(() -> WebhookUrl.parse("http://hooks.example.com/n", false)).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://hooks.example.com/n", true)).hasMessageContaining("http");
        assertThatThrownBy(() -> WebhookUrl.parse("https://user:pw@hooks.example.com/n", false)).hasMessageContaining("password");
        assertThatThrownBy(() -> WebhookUrl.parse("https:///n", false)).hasMessageContaining("host");
        assertThatThrownBy(() -> WebhookUrl.parse("https://hooks.example.com/n#x", false)).hasMessageContaining("fragment");
    }

    @Test
    void an_answer_is_delivered_gone_or_failed() {
        assertThat(AttemptOutcome.ofStatus(200)).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(AttemptOutcome.ofStatus(204)).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(AttemptOutcome.ofStatus(301)).isEqualTo(AttemptOutcome.FAILED);
        assertThat(AttemptOutcome.ofStatus(410)).isEqualTo(AttemptOutcome.ENDPOINT_GONE);
        assertThat(AttemptOutcome.ofStatus(500)).isEqualTo(AttemptOutcome.FAILED);
    }
}
