package dev.northstar.integrations.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The {@code webhook-signature} of a delivery as the Standard Webhooks specification defines it: {@code v1,} and the
 * base64 HMAC-SHA256, under the subscription's secret, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
public final class WebhookSignature {

    public static String sign(WebhookSecret secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private WebhookSignature() {
    }
}
