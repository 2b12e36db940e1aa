package dev.northstar.feedback.api;

import dev.northstar.feedback.domain.CompetitorMention;
import dev.northstar.feedback.domain.Shipment;
import dev.northstar.feedback.domain.Source;
import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.feedback.domain.TriageStatus;
import dev.northstar.platform.api.StorableInput;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The JSON shapes of the feedback API. */
public final class FeedbackDtos {
    static final String TAG = "^[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]{0,49}$";
    static final String TAG_MESSAGE = "must be 1-50 letters, digits or _.:/- without spaces";

    @Schema(example = "{\"source\": \"IN_APP\", \"customerId\": \"c-1042\", \"account\": \"Acme Retail\", \"segment\": \"enterprise\", \"accountValue\": 120000, \"text\": \"Please let me save my card\", \"rating\": 6, \"tags\": [\"payments\"], \"externalId\": \"zendesk-88121\"}")
    public record SubmitRequest(
            @NotNull Source source,
            @NotBlank @Size(max = 200) String customerId,
            @Size(max = 200) String account,
            @Size(max = 100) String segment,
            @DecimalMin("0") @DecimalMax(StorableInput.MAX_DECIMAL) BigDecimal accountValue,
            @NotBlank @Size(max = 10_000) String text,
            @Min(0) @Max(10) Integer rating,
            @Size(max = 20) Set<@NotNull @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags,
            @Size(min = 1, max = 200) String externalId,
            @Schema(description = "A competitor of the product the feedback is about, by name or keyword (422 if the product has none such); others are found in the text")
            @Size(max = 200) String competitor,
            @Schema(description = "The feedback explains a deal lost (default false)") Boolean lostDeal) {
    }

    @Schema(example = "{\"entries\": [{\"source\": \"SURVEY\", \"customerId\": \"c-7\", \"text\": \"Checkout is slow on mobile\", \"rating\": 4}]}")
    public record ImportRequest(@NotNull @NotEmpty @Size(max = 1000) List<SubmitRequest> entries) {
    }

    public enum Outcome {
        ACCEPTED, DUPLICATE, INVALID
    }

    public record RowError(String field, String message) {
    }

    public record ImportRow(int index, Outcome outcome, UUID id, String externalId, List<RowError> errors) {
    }

    public record ImportResult(int accepted, int duplicates, int invalid, List<ImportRow> rows) {
    }

    @Schema(example = "{\"type\": \"INITIATIVE\", \"id\": \"3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a17\"}")
    public record LinkRequest(@NotNull TargetType type, @NotNull UUID id) {
    }

    @Schema(example = "{\"status\": \"REVIEWED\"}")
    public record TriageRequest(@NotNull TriageStatus status) {
    }

    @Schema(example = "{\"tags\": [\"payments\", \"mobile\"]}")
    public record TagsRequest(@NotNull @Size(max = 20) Set<@NotNull @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags) {
    }

    @Schema(example = "{\"targetType\": \"BACKLOG_ITEM\", \"targetId\": \"9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a\", \"customerId\": \"c-1042\", \"account\": \"Acme Retail\", \"accountValue\": 120000}")
    public record VoteRequest(@NotNull TargetType targetType, @NotNull UUID targetId, @NotBlank @Size(max = 200) String customerId,
                              @Size(max = 200) String account, @DecimalMin("0") @DecimalMax(StorableInput.MAX_DECIMAL) BigDecimal accountValue) {
    }

    public record FeedbackPage(List<FeedbackView> items, String nextCursor) {
    }

    public record FeedbackView(UUID id, UUID productId, Source source, String customerId, String account, String segment,
                               BigDecimal accountValue, String text, Integer rating, String npsClass, List<String> tags,
                               String externalId, BigDecimal sentimentScore, String sentiment,
                               List<Target> links, TriageStatus status,
                               @Schema(description = "The product's competitors the feedback names: named by the submitter (detected false) or found in the text by the competitors' keywords")
                               List<CompetitorMention> competitors,
                               @Schema(description = "The feedback explains a deal lost") boolean lostDeal,
                               @Schema(description = "What shipped for it (an initiative done, a release shipped, an item accepted), oldest first")
                               List<Shipment> answeredBy,
                               int version, Instant createdAt, Instant updatedAt) {
    }

    public record CustomerRequest(UUID feedbackId, String text, Instant submittedAt, TriageStatus status,
                                  @Schema(description = "The initiatives and backlog items it is linked to, with their titles")
                                  List<LinkedTarget> linkedTo,
                                  @Schema(description = "What shipped for it, oldest first; empty while nothing has")
                                  List<Shipment> shipped) {
    }

    public record LinkedTarget(TargetType type, UUID id, String title) {
    }

    public record CustomerRequests(String customerId, List<String> accounts, int requests, int answered,
                                   List<CustomerRequest> items) {
    }

    public record VoteView(UUID id, TargetType targetType, UUID targetId, String customerId, String account,
                           BigDecimal accountValue, boolean active, int version) {
    }

    public record VoteTally(TargetType targetType, UUID targetId, int votes, int accounts, BigDecimal accountValue) {
    }

    private FeedbackDtos() {
    }
}
