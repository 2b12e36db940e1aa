package dev.northstar.backlog.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input to a scoring model as sent: a number, or the name of a SELECT field's option. Its OpenAPI schema
 * (number or string) is set in application.properties ({@code mp.openapi.schema.*}): scanned, it would be an object.
 */
public record ScoringInput(JsonNode json) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ScoringInput {
    }
}
