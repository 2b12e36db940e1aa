package dev.northstar.backlog.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.backlog.domain.ScoreInputs;
import dev.northstar.backlog.domain.ScoringField;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.platform.api.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The JSON shapes of scoring models, an item's inputs to them, and what-if answers. */
public final class ScoringDtos {
    private static final String BOUND = "1000000";

    @Schema(example = "{\"model\": \"WEIGHTED\", \"fields\": [{\"name\": \"revenue\", \"type\": \"NUMBER\", \"min\": 0, \"max\": 10, \"weight\": 2}, "
            + "{\"name\": \"segment\", \"type\": \"SELECT\", \"weight\": 1, \"options\": {\"enterprise\": 5, \"smb\": 2}}, "
            + "{\"name\": \"effort\", \"type\": \"NUMBER\", \"min\": 1, \"max\": 20, \"weight\": 1}], \"effortField\": \"effort\"}")
    public record ModelRequest(
            @NotNull @Schema(description = "WSJF (default), RICE, ICE or WEIGHTED") ScoringModel.Kind model,
            @Schema(description = "WEIGHTED only: the product's fields") @Size(max = 20) List<@NotNull @Valid FieldRequest> fields,
            @Schema(description = "WEIGHTED only: a NUMBER field the weighted sum is divided by") @Size(max = 40) String effortField) {

        ScoringModel toDomain() {
            return new ScoringModel(model, fields == null ? List.of() : fields.stream().map(FieldRequest::toDomain).toList(), effortField);
        }
    }

    public record FieldRequest(
            @NotNull @Size(min = 1, max = 40) String name,
            @NotNull ScoringField.Type type,
            @Schema(description = "NUMBER only", minimum = "-" + BOUND, maximum = BOUND) @DecimalMin("-" + BOUND) @DecimalMax(BOUND) BigDecimal min,
            @Schema(description = "NUMBER only", minimum = "-" + BOUND, maximum = BOUND) @DecimalMin("-" + BOUND) @DecimalMax(BOUND) BigDecimal max,
            @NotNull @Schema(minimum = "-100", maximum = "100") @DecimalMin("-100") @DecimalMax("100") BigDecimal weight,
            @Schema(description = "SELECT only: each option's value (-1000000 to 1000000)") @Size(max = 20)
            Map<@Size(min = 1, max = 40) String, @NotNull @DecimalMin("-" + BOUND) @DecimalMax(BOUND) BigDecimal> options) {

        ScoringField toDomain() {
            return new ScoringField(name, type, min, max, weight, options);
        }
    }

    /** A model as the product uses it: its definition, each input with its range, and its formula. */
    public record ModelView(ScoringModel.Kind model, List<ScoringField> fields, String effortField,
                            @Schema(description = "What each item gives the model (for WSJF: the item's own jobSize, businessValue, timeCriticality, riskReduction)")
                            List<ScoringField> inputs,
                            String formula,
                            @Schema(description = "The backlog settings' version, also in ETag") int version) {
        static ModelView of(ScoringModel model, int version) {
            return new ModelView(model.kind(), model.fields(), model.effortField(), model.inputs(), model.formula(), version);
        }
    }

    @Schema(example = "{\"model\": {\"model\": \"RICE\"}, \"asOf\": \"2026-09-30T00:00:00Z\", \"limit\": 20}")
    public record WhatIfRequest(
            @NotNull @Valid ModelRequest model,
            @Schema(description = "Rank the backlog as it was at this instant (default: now)") Instant asOf,
            @Schema(minimum = "1", maximum = "1000", description = "How many items to answer, in the new order (default 50)")
            @Min(1) @Max(1000) Integer limit) {
    }

    public record WhatIfItem(UUID itemId, String title, int oldRank, int newRank, BigDecimal oldScore, BigDecimal newScore,
                             @Schema(description = "A pinned item keeps its place under any model") boolean pinned,
                             @Schema(description = "Inputs of the model the item lacks (it has no score under it)") List<String> missing) {
    }

    public record WhatIfView(ScoringModel.Kind model, String formula, Instant asOf,
                             @Schema(description = "Open items ranked") int items,
                             @Schema(description = "Of them, those whose rank would change") int moved,
                             @Schema(description = "Of them, those the model cannot score for missing inputs") int unscored,
                             List<WhatIfItem> ranking) {
    }

    /** Inputs to a scoring model as sent: numbers, or option names of SELECT fields, by field name. */
    static ScoreInputs inputsOf(Map<String, ScoringInput> body) {
        Map<String, BigDecimal> numbers = new TreeMap<>();
        Map<String, String> choices = new TreeMap<>();
        body.forEach((name, input) -> {
            JsonNode value = input.json();
            if (value.isNumber() && (!value.isFloatingPointNumber() || Double.isFinite(value.doubleValue()))
                    && value.decimalValue().abs().compareTo(ScoringField.LIMIT.multiply(ScoringField.LIMIT)) <= 0) {
                numbers.put(name, value.decimalValue());
            } else if (value.isTextual() && value.asText().length() <= 40) {
                choices.put(name, value.asText());
            } else {
                throw ProblemException.badRequest(name, "must be a number (within -10^12 to 10^12) or an option name (up to 40 characters)");
            }
        });
        return new ScoreInputs(numbers, choices);
    }

    private ScoringDtos() {
    }
}
