package dev.northstar.backlog.api;

import dev.northstar.backlog.domain.AcceptanceCriterion;
import dev.northstar.backlog.domain.CriterionVerdict;
import dev.northstar.backlog.domain.Discard;
import dev.northstar.backlog.domain.ItemStatus;
import dev.northstar.backlog.domain.ModelScore;
import dev.northstar.backlog.domain.Pin;
import dev.northstar.backlog.domain.PinPlace;
import dev.northstar.backlog.domain.ItemType;
import dev.northstar.backlog.domain.Rejection;
import dev.northstar.backlog.domain.UserStory;
import dev.northstar.backlog.domain.WorkflowStep;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The JSON shapes of the backlog API. Requests are validated here; rules about state live in the domain. */
public final class BacklogDtos {
    static final String LABEL = "^[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]{0,49}$";
    static final String WSJF_SCALE = "one of 1, 2, 3, 5, 8, 13, 20 (the modified Fibonacci scale of WSJF)";
    static final String LABEL_MESSAGE = "must be 1-50 letters, digits or _.:/- without spaces";

    public record StoryDto(
            @NotBlank @Size(max = 500) String asA,
            @NotBlank @Size(max = 1000) String iWant,
            @NotBlank @Size(max = 1000) String soThat) {

        UserStory toDomain() {
            return new UserStory(asA.strip(), iWant.strip(), soThat.strip());
        }
    }

    @Schema(example = "{\"type\": \"STORY\", \"title\": \"Save a card at checkout\", \"story\": {\"asA\": \"returning shopper\", \"iWant\": \"to save my card\", \"soThat\": \"I pay faster next time\"}, \"acceptanceCriteria\": [\"The card is offered at the next checkout\"], \"jobSize\": 5, \"businessValue\": 8, \"timeCriticality\": 3, \"riskReduction\": 2, \"labels\": [\"payments\"], \"initiativeId\": \"3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a17\"}")
    public record CreateItemRequest(
            @NotNull ItemType type,
            @NotBlank @Size(max = 200) String title,
            @Valid StoryDto story,
            @Size(max = 50) List<@NotBlank @Size(max = 1000) String> acceptanceCriteria,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer jobSize,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer businessValue,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer timeCriticality,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer riskReduction,
            @Size(max = 20) Set<@NotNull @Pattern(regexp = LABEL, message = LABEL_MESSAGE) String> labels,
            UUID initiativeId,
            @Schema(description = "The epic (an item of type EPIC of this product) the item sits in") UUID parentId,
            @Schema(description = "Inputs to the product's RICE, ICE or WEIGHTED model by field name (numbers, or option names)")
            @Size(max = 40) Map<@Size(min = 1, max = 40) String, @NotNull ScoringInput> scoringInputs) {
    }

    /** Fields left out (or null) keep their values. */
    @Schema(example = "{\"title\": \"Save a card or a wallet at checkout\", \"jobSize\": 8}")
    public record UpdateItemRequest(
            ItemType type,
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Valid StoryDto story,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer jobSize,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer businessValue,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer timeCriticality,
            @OnWsjfScale @Schema(minimum = "1", maximum = "20", description = WSJF_SCALE) Integer riskReduction,
            @Size(max = 20) Set<@NotNull @Pattern(regexp = LABEL, message = LABEL_MESSAGE) String> labels) {
    }

    @Schema(example = "{\"text\": \"A saved card can be removed from the profile\"}")
    public record CriterionRequest(@NotBlank @Size(max = 1000) String text) {
    }

    @Schema(example = "{\"initiativeId\": \"3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a17\"}")
    public record InitiativeLinkRequest(@NotNull UUID initiativeId) {
    }

    @Schema(example = "{\"epicId\": \"6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d\"}")
    public record EpicRequest(@NotNull UUID epicId) {
    }

    /** An epic's items by status, and its progress: accepted items over those not discarded. */
    public record EpicProgress(long items, Map<ItemStatus, Long> byStatus, BigDecimal progress) {
    }

    /** An item of an epic in its priority view. */
    public record EpicItem(UUID id, String title, ItemStatus status, BigDecimal score, Integer rank) {
    }

    @Schema(example = "{\"to\": \"ACCEPTED\", \"criteria\": [{\"id\": \"7c9e6679-7425-40de-944b-e07fc1f90ae7\", \"met\": true, \"note\": \"Checked on staging\"}]}")
    public record TransitionRequest(
            @NotNull WorkflowStep to,
            @Schema(description = "Why, for REJECTED (required there)") @Size(max = 2000) String reason,
            @Schema(description = "For ACCEPTED a verdict on every acceptance criterion, all met; for REJECTED optional verdicts naming the unmet ones")
            @Size(max = 100) List<@NotNull @Valid CriterionVerdictRequest> criteria) {
    }

    /** The reviewer's verdict on one acceptance criterion of the item. */
    public record CriterionVerdictRequest(@NotNull UUID id, @NotNull Boolean met, @Size(max = 1000) String note) {
        public CriterionVerdict toDomain() {
            return new CriterionVerdict(id, met, note);
        }
    }

    @Schema(example = "{\"reason\": \"Customers pay by wallet instead; no one asked for saved cards since March\"}")
    public record DiscardRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(example = "{\"above\": \"6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d\", \"reason\": \"The launch on 1 March needs it first\"}")
    public record PinRequest(
            @Schema(description = "Put the item directly above this item (one of above, below, position)") UUID above,
            @Schema(description = "Put the item directly below this item") UUID below,
            @Schema(description = "Put the item at this rank (1 = first)", minimum = "1", maximum = "1000000") @Min(1) @Max(1_000_000) Integer position,
            @NotBlank @Size(max = 2000) String reason) {
        PinPlace toDomain() {
            return new PinPlace(above, below, position);
        }
    }

    /** Who pinned the item where, when and why. */
    public record PinView(PinPlace place, String reason, String pinnedBy, Instant pinnedAt, String explanation) {
        static PinView of(Pin pin) {
            return pin == null ? null : new PinView(pin.place(), pin.reason(), pin.pinnedBy(), pin.pinnedAt(), pin.explanation());
        }
    }

    /** A pinned item: where it is, and where its score alone would put it in today's order. */
    public record PinnedItemView(UUID itemId, String title, BigDecimal score, Integer rank,
                                 @Schema(description = "The rank the item's score alone would give it now") int scoreRank,
                                 @Schema(description = "scoreRank - rank: how far the pin holds the item above (positive) or below (negative) its score's place")
                                 int heldBy,
                                 PinView pin) {
    }

    public record PinsView(List<PinnedItemView> pins) {
    }

    public record ItemView(
            UUID id,
            UUID productId,
            ItemType type,
            String title,
            UserStory story,
            List<AcceptanceCriterion> acceptanceCriteria,
            Integer jobSize,
            Integer businessValue,
            Integer timeCriticality,
            Integer riskReduction,
            BigDecimal score,
            Integer rank,
            List<String> labels,
            UUID initiativeId,
            ItemStatus status,
            List<WorkflowStep> allowedTransitions,
            Rejection lastRejection,
            @Schema(description = "Why, by whom and from which status the item was discarded; null unless DISCARDED")
            Discard discarded,
            @Schema(description = "The epic the item sits in, if any") UUID parentId,
            @Schema(description = "Items that must be done (accepted or discarded) before this one can be made ready")
            List<UUID> blockedBy,
            @Schema(description = "Items this one holds up (on GET of one item only)") List<UUID> blocks,
            @Schema(description = "An epic's items and progress (on GET of one epic only)") EpicProgress epic,
            @Schema(description = "Who pinned the item to its place, when and why; null when the score alone orders it") PinView pin,
            @Schema(description = "The item's inputs to a RICE, ICE or WEIGHTED model, by field name") Map<String, Object> scoringInputs,
            int version,
            Instant createdAt,
            Instant updatedAt) {
    }

    public record ItemPage(List<ItemView> items, String nextCursor) {
    }

    /** Up to {@value #MAX_BATCH} items to add in one request, all or none. */
    @Schema(example = "{\"items\": [{\"type\": \"STORY\", \"title\": \"Save a card at checkout\", \"jobSize\": 5, \"businessValue\": 8}, {\"type\": \"BUG\", \"title\": \"Totals round wrongly\", \"jobSize\": 2, \"businessValue\": 5}]}")
    public record CreateItemsRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid CreateItemRequest> items) {
        public static final int MAX_BATCH = 1000;
    }

    public record CreatedItems(List<ItemView> items) {
    }

    public record PriorityView(
            UUID itemId,
            String model,
            String formula,
            BigDecimal score,
            Integer rank,
            Components components,
            RoadmapPart roadmap,
            DemandPart demand,
            List<String> missing,
            List<Cause> causes,
            @Schema(description = "An epic's items in backlog order (up to 200); null for other items") List<EpicItem> epicItems,
            @Schema(description = "The pin that holds the item at its rank; null when the score alone orders it") PinView pin,
            @Schema(description = "The rank the score alone would give the item now (its rank when it is not pinned)") Integer scoreRank,
            @Schema(description = "Under RICE, ICE or WEIGHTED: the score in the model's own terms (inputs, base, the roadmap and demand factors); null under WSJF")
            ModelScore modelScore) {
    }

    public record Components(Integer businessValue, int demandBonus, Integer timeCriticality, Integer riskReduction, Integer costOfDelay,
                             int horizonBonus, BigDecimal themeWeight, BigDecimal initiativeStatusFactor,
                             @Schema(description = "1 + the ROI of the initiative's business case / 4, within 0.5 and 2, when the product lets business cases count (backlog settings); 1 otherwise")
                             BigDecimal businessCaseFactor, BigDecimal adjustedCostOfDelay, Integer jobSize) {
    }

    /** The customers' part: distinct accounts asking for the item or its initiative, from analytics. */
    public record DemandPart(int accounts, int demandBonus) {
    }

    /** The roadmap's part: the initiative the item serves as backlog-service last heard of it. */
    public record RoadmapPart(UUID initiativeId, String horizon, String initiativeStatus, UUID themeId, BigDecimal themeWeight,
                              @Schema(description = "The ROI of the initiative's business case, when the product lets business cases count; null otherwise")
                              BigDecimal initiativeRoi) {
    }

    /**
     * The event that last set some of the components; for a roadmap change, the roadmap event behind it
     * ({@code causedBy}) and what it did to the score and the rank.
     */
    public record Cause(List<String> components, UUID eventId, String eventType, Instant occurredAt, String actor,
                        CausedBy causedBy, BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank) {
    }

    public record CausedBy(UUID eventId, String eventType) {
    }

    private BacklogDtos() {
    }
}
