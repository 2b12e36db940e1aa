package dev.northstar.roadmap.api;

import dev.northstar.roadmap.domain.KeyResult;
import dev.northstar.roadmap.domain.KeyResult.Direction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of objectives, key results and measurements. */
public final class ObjectiveDtos {
    static final String PERIOD = "^\\d{4}(-Q[1-4]|-H[12])?$";
    static final String PERIOD_MESSAGE = "must be a year, half or quarter such as 2027, 2027-H1 or 2027-Q3";
    static final String MIN = "-999999999999.999999";
    static final String MAX = "999999999999.999999";

    @Schema(description = "A key result: a metric moving from baseline to target by the due date (default: the end of the "
            + "objective's period). The direction follows from baseline and target. Metrics analytics-service computes "
            + "(nps.30d, feedback.volume.30d, sentiment.positive.30d, items.accepted.30d, delivery.leadTime.p50) get their "
            + "actual value from the product's events; any other metric from measurements.",
            example = "{\"metric\": \"nps.30d\", \"baseline\": 12, \"target\": 30, \"northStar\": true}")
    public record KeyResultRequest(@NotBlank @Size(max = 100) String metric, @Size(max = 40) String unit,
                                   @NotNull @DecimalMin(MIN) @DecimalMax(MAX) @Digits(integer = 12, fraction = 6) BigDecimal baseline,
                                   @NotNull @DecimalMin(MIN) @DecimalMax(MAX) @Digits(integer = 12, fraction = 6) BigDecimal target,
                                   Direction direction,
                                   LocalDate dueDate, Boolean northStar) {
        KeyResult.Draft draft() {
            return new KeyResult.Draft(metric, unit, baseline, target, direction, dueDate, northStar);
        }
    }

    @Schema(example = "{\"title\": \"Customers love paying with us\", \"period\": \"2027-Q1\", \"keyResults\": [{\"metric\": \"nps.30d\", \"baseline\": 12, \"target\": 30, \"northStar\": true}, {\"metric\": \"weekly.checkouts\", \"unit\": \"checkouts\", \"baseline\": 4000, \"target\": 6000}]}")
    public record SetObjectiveRequest(@NotBlank @Size(max = 200) String title,
                                      @NotNull @Pattern(regexp = PERIOD, message = PERIOD_MESSAGE) String period,
                                      @Size(max = 10) List<@NotNull @Valid KeyResultRequest> keyResults,
                                      @Size(max = 100) List<@NotNull UUID> themeIds,
                                      @Size(max = 200) List<@NotNull UUID> initiativeIds) {
    }

    @Schema(example = "{\"title\": \"Customers love paying with us, everywhere\"}")
    public record EditObjectiveRequest(@Size(min = 1, max = 200) @Pattern(regexp = RoadmapDtos.NOT_BLANK, message = "must not be blank") String title,
                                       @Pattern(regexp = PERIOD, message = PERIOD_MESSAGE) String period) {
    }

    @Schema(description = "The fields to change; omitted fields stay. The metric of a key result does not change: remove it and add another.",
            example = "{\"target\": 35, \"northStar\": false}")
    public record ReviseKeyResultRequest(@Size(max = 40) String unit,
                                         @DecimalMin(MIN) @DecimalMax(MAX) @Digits(integer = 12, fraction = 6) BigDecimal baseline,
                                         @DecimalMin(MIN) @DecimalMax(MAX) @Digits(integer = 12, fraction = 6) BigDecimal target,
                                         Direction direction, LocalDate dueDate, Boolean northStar) {
        KeyResult.Draft draft() {
            return new KeyResult.Draft(null, unit, baseline, target, direction, dueDate, northStar);
        }
    }

    @Schema(description = "A value of the key result's metric; at defaults to now and may not lie in the future.",
            example = "{\"value\": 4630, \"at\": \"2027-01-18T09:00:00Z\"}")
    public record MeasurementRequest(@NotNull @DecimalMin(MIN) @DecimalMax(MAX) @Digits(integer = 12, fraction = 6) BigDecimal value, Instant at) {
    }

    public record MeasurementView(UUID keyResultId, UUID objectiveId, BigDecimal value, Instant at) {
    }

    public record KeyResultView(UUID id, UUID objectiveId, String metric,
                                @Schema(description = "ANALYTICS: computed from the product's events; MEASURED: from measurements") KeyResult.Source source,
                                String unit, BigDecimal baseline, BigDecimal target, Direction direction, LocalDate dueDate,
                                boolean northStar,
                                @Schema(description = "The latest measurement of a MEASURED key result; progress and status are on the keyResults metric of analytics-service")
                                MeasurementView lastMeasurement) {
    }

    public record ObjectiveView(UUID id, UUID productId, String title, String period, LocalDate periodStart,
                                LocalDate periodEnd, List<KeyResultView> keyResults, List<UUID> themeIds,
                                List<UUID> initiativeIds, int version, Instant createdAt, Instant updatedAt) {
    }

    private ObjectiveDtos() {
    }
}
