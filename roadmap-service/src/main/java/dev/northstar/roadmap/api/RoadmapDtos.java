package dev.northstar.roadmap.api;

import dev.northstar.roadmap.domain.BusinessCase;
import dev.northstar.roadmap.domain.Health;
import dev.northstar.roadmap.domain.Horizon;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.domain.ProductStage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the roadmap API. */
public final class RoadmapDtos {
    static final String QUARTER = "^\\d{4}-Q[1-4]$";
    static final String QUARTER_MESSAGE = "must look like 2027-Q1";
    static final String NOT_BLANK = ".*\\S.*";

    @Schema(example = "{\"name\": \"Checkout\", \"vision\": \"Paying takes one tap\", \"strategy\": \"Win returning mobile shoppers first\", \"northStarMetric\": \"weekly completed checkouts\"}")
    public record CreateProductRequest(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String vision,
                                       @Size(max = 4000) String strategy, @Size(max = 500) String northStarMetric) {
    }

    @Schema(example = "{\"vision\": \"Paying takes one tap, anywhere\"}")
    public record UpdateProductRequest(@Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
                                       @Size(max = 4000) String vision, @Size(max = 4000) String strategy,
                                       @Size(max = 500) String northStarMetric) {
    }

    @Schema(example = "{\"name\": \"Conversion\", \"description\": \"Fewer abandoned carts\", \"weight\": 2}")
    public record AddThemeRequest(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
                                  @DecimalMin("0.1") @DecimalMax("10") BigDecimal weight) {
    }

    @Schema(example = "{\"weight\": 1.5}")
    public record WeightRequest(@NotNull @DecimalMin("0.1") @DecimalMax("10") BigDecimal weight) {
    }

    @Schema(example = "{\"title\": \"Saved cards\", \"themeId\": \"3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a17\", \"horizon\": \"NEXT\", \"targetQuarter\": \"2027-Q2\", \"successMetric\": \"repeat checkout rate\"}")
    public record AddInitiativeRequest(@NotBlank @Size(max = 200) String title, @Size(max = 4000) String description,
                                       @NotNull UUID themeId, @NotNull Horizon horizon,
                                       @Pattern(regexp = QUARTER, message = QUARTER_MESSAGE) String targetQuarter,
                                       @Min(1) @Max(10_000) Integer rank, @Size(max = 500) String successMetric) {
    }

    @Schema(example = "{\"title\": \"Saved cards and wallets\"}")
    public record EditInitiativeRequest(UUID themeId,
                                        @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
                                        @Size(max = 4000) String description, @Size(max = 500) String successMetric) {
    }

    @Schema(example = "{\"horizon\": \"NOW\", \"rank\": 1}")
    public record MoveRequest(@NotNull Horizon horizon, @Min(1) @Max(10_000) Integer rank,
                              @Pattern(regexp = QUARTER, message = QUARTER_MESSAGE) String targetQuarter) {
    }

    @Schema(example = "{\"status\": \"IN_PROGRESS\"}")
    public record StatusRequest(@NotNull InitiativeStatus status) {
    }

    @Schema(example = "{\"reason\": \"Superseded by the wallet integration\"}")
    public record DropRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(example = "{\"name\": \"2027.1\", \"targetDate\": \"2027-03-31\", \"initiativeIds\": [\"3f2b8c1e-7a4d-4e59-9b1a-2c6d8e0f4a17\"]}")
    public record PlanReleaseRequest(@NotBlank @Size(max = 200) String name, @NotNull LocalDate targetDate,
                                     @Size(max = 200) List<@NotNull UUID> initiativeIds) {
    }

    @Schema(example = "{\"targetDate\": \"2027-04-15\"}")
    public record RescheduleRequest(@NotNull LocalDate targetDate) {
    }

    public record ProductView(UUID id, String name, String vision, String strategy, String northStarMetric,
                              @Schema(description = "IDEATION, DISCOVERY, GROWTH, MATURITY, DECLINE or RETIRED (read-only everywhere)") ProductStage stage,
                              String stageReason, int version, Instant createdAt, Instant updatedAt) {
    }

    @Schema(example = "{\"stage\": \"GROWTH\", \"reason\": \"Paying customers in three markets\"}")
    public record StageRequest(@NotNull ProductStage stage, @NotBlank @Size(max = 2000) String reason) {
    }

    public record ProductPage(List<ProductView> items, String nextCursor) {
    }

    public record ThemeView(UUID id, UUID productId, String name, String description, BigDecimal weight, boolean retired,
                            int version, Instant createdAt, Instant updatedAt) {
    }

    public record InitiativeView(UUID id, UUID productId, UUID themeId, String title, String description, Horizon horizon,
                                 Integer rank, String targetQuarter, InitiativeStatus status,
                                 List<InitiativeStatus> allowedStatuses, String successMetric, String dropReason,
                                 BusinessCaseView businessCase,
                                 @Schema(description = "(risk-adjusted value - cost) / cost; null without a business case in money") BigDecimal roi,
                                 @Schema(description = "months until the cost is paid back; null without a business case in money") BigDecimal payback,
                                 @Schema(description = "The product manager's latest health report; null before the first") Health health,
                                 int version, Instant createdAt, Instant updatedAt) {
    }

    @Schema(example = "{\"status\": \"AT_RISK\", \"text\": \"The card vault vendor slipped a week; we start the UI first\"}")
    public record HealthRequest(@NotNull Health.Status status, @NotBlank @Size(max = 2000) String text) {
    }

    @Schema(description = "cost: money, or effort in PERSON_WEEKS; expectedValue: REVENUE or RETENTION per year in money, or a KEY_RESULT's expected delta (keyResultId names it); confidence 0-100 %; timeToValueMonths before the value starts (default 0)",
            example = "{\"cost\": 120000, \"expectedValue\": 480000, \"valueKind\": \"REVENUE\", \"confidence\": 60, \"timeToValueMonths\": 3}")
    public record BusinessCaseRequest(@NotNull @DecimalMin("0.01") @DecimalMax("999999999999.99") BigDecimal cost,
                                      BusinessCase.CostUnit costUnit,
                                      @NotNull @DecimalMin("-999999999999.99") @DecimalMax("999999999999.99") BigDecimal expectedValue,
                                      BusinessCase.ValueKind valueKind, UUID keyResultId,
                                      @NotNull @Min(0) @Max(100) Integer confidence, @Min(0) @Max(120) Integer timeToValueMonths) {
    }

    public record BusinessCaseView(BigDecimal cost, BusinessCase.CostUnit costUnit, BigDecimal expectedValue,
                                   BusinessCase.ValueKind valueKind, UUID keyResultId, int confidence, int timeToValueMonths,
                                   @Schema(description = "expectedValue x confidence") BigDecimal riskAdjustedValue,
                                   BigDecimal roi, BigDecimal paybackMonths,
                                   @Schema(description = "riskAdjustedValue / cost, whatever their units") BigDecimal valuePerCost) {
        static BusinessCaseView of(BusinessCase c) {
            return c == null ? null : new BusinessCaseView(c.cost(), c.costUnit(), c.expectedValue(), c.valueKind(), c.keyResultId(),
                    c.confidence(), c.timeToValueMonths(), c.riskAdjustedValue(), c.roi(), c.paybackMonths(), c.valuePerCost());
        }
    }

    public record ReleaseView(UUID id, UUID productId, String name, LocalDate targetDate, List<UUID> initiativeIds,
                              @Schema(description = "When it shipped; null until then (a shipped release takes no more changes)") Instant shippedAt,
                              int version, Instant createdAt, Instant updatedAt) {
    }

    @Schema(description = "shippedAt defaults to now and may not lie in the future", example = "{\"shippedAt\": \"2026-11-28T16:00:00Z\"}")
    public record ShipRequest(Instant shippedAt) {
    }

    private RoadmapDtos() {
    }
}
