package dev.northstar.integrations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class WebhookDtos {

    @Schema(example = "{\"url\": \"https://hooks.example.com/northstar\", \"eventTypes\": [\"northstar.roadmap.*\", \"northstar.backlog.ItemAccepted.v1\"], \"description\": \"Roadmap changes to the team channel\"}")
    public record CreateWebhookRequest(
            @Schema(description = "Where deliveries are POSTed: https (plain http only where the installation allows it)")
            @NotBlank @Size(max = 2000) String url,
            @Schema(description = "CloudEvents types or patterns with * (northstar.roadmap.*, or * for every event)")
            @NotNull @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
            @Schema(description = "The signing secret in Standard Webhooks form (whsec_ and base64 of 24 to 64 bytes); generated and returned once when left out")
            @Size(max = 200) String secret,
            @Size(max = 500) String description) {
    }

    @Schema(example = "{\"enabled\": true}")
    public record ChangeWebhookRequest(
            @Size(max = 2000) String url,
            @Size(min = 1, max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
            @Schema(description = "An empty text removes the description") @Size(max = 500) String description,
            @Schema(description = "false stops deliveries; true resumes them (what happened meanwhile can be replayed)") Boolean enabled) {
    }

    @Schema(example = "{\"since\": \"2026-11-30T00:00:00Z\"}")
    public record ReplayRequest(
            @Schema(description = "Every event the subscription wants from this instant on (inclusive) is delivered again, in order")
            @NotNull Instant since,
            @Schema(description = "Up to this instant (exclusive); now when left out") Instant until) {
    }

    public record WebhookView(UUID id, UUID productId, String url, List<String> eventTypes, String description, boolean enabled,
                              @Schema(description = "Why deliveries stopped: the owner disabled it, or the endpoint kept failing or answered 410")
                              String disabledReason, Instant disabledAt, Instant createdAt, String createdBy, Instant updatedAt,
                              int version,
                              @Schema(description = "The signing secret: only in the answer that created the subscription")
                              @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
    }

    public enum DeliveryStatus {
        PENDING, SENDING, SUCCEEDED, FAILED
    }

    public enum Trigger {
        EVENT, REPLAY, REDELIVERY
    }

    public record AttemptView(int number, Instant at, Integer statusCode, int durationMs, String error) {
    }

    public record DeliveryView(UUID id, UUID eventId, String eventType, String subject, Instant eventTime, Trigger trigger,
                               DeliveryStatus status, int attempts, Instant createdAt, Instant lastAttemptAt,
                               @Schema(description = "When a pending delivery is tried (again)") Instant nextAttemptAt,
                               Integer lastStatusCode, Integer lastDurationMs, String lastError,
                               @Schema(description = "Every attempt: only when one delivery is read")
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<AttemptView> attemptLog) {
    }

    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    public record ReplayResult(UUID webhookId, Instant since, Instant until, int deliveries) {
    }

    private WebhookDtos() {
    }
}
