package dev.northstar.roadmap.api;

import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.application.CompetitorCommands;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.Competitor;
import dev.northstar.roadmap.domain.Initiative;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/products/{productId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Competitors", description = "A product's competitors (segment, strengths, weaknesses, the keywords feedback mentions them by) and where its initiatives stand against each")
public class CompetitorResource {
    private final CompetitorCommands commands;
    private final AggregateStates states;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;

    public CompetitorResource(CompetitorCommands commands, AggregateStates states, RequestMetadata request,
                              IdempotencyKeys idempotency) {
        this.commands = commands;
        this.states = states;
        this.request = request;
        this.idempotency = idempotency;
    }

    @Schema(description = "keywords: further words feedback mentions the competitor by (its name always counts); no two competitors of a product share one",
            example = "{\"name\": \"Stripe\", \"segment\": \"Developers and platforms\", \"strengths\": [\"API\", \"Global coverage\"], \"weaknesses\": [\"Support for small merchants\"], \"keywords\": [\"stripe checkout\"]}")
    public record CompetitorRequest(@NotBlank @Size(max = 200) String name, @Size(max = 200) String segment,
                                    @Size(max = 20) List<@NotNull @Size(max = 500) String> strengths,
                                    @Size(max = 20) List<@NotNull @Size(max = 500) String> weaknesses,
                                    @Size(max = 4000) String notes, @Size(max = 19) List<@NotNull @Size(max = 100) String> keywords) {
    }

    @Schema(description = "The fields to change; omitted ones stay", example = "{\"weaknesses\": [\"Support for small merchants\", \"Pricing\"]}")
    public record EditCompetitorRequest(@Size(min = 1, max = 200) @Pattern(regexp = RoadmapDtos.NOT_BLANK, message = "must not be blank") String name,
                                        @Size(max = 200) String segment,
                                        @Size(max = 20) List<@NotNull @Size(max = 500) String> strengths,
                                        @Size(max = 20) List<@NotNull @Size(max = 500) String> weaknesses,
                                        @Size(max = 4000) String notes, @Size(max = 19) List<@NotNull @Size(max = 100) String> keywords) {
    }

    @Schema(example = "{\"position\": \"BEHIND\", \"note\": \"They store cards in 40 markets, we in 3\"}")
    public record ComparisonRequest(@NotNull Competitor.Position position, @Size(max = 2000) String note) {
    }

    public record ComparisonView(UUID initiativeId, Competitor.Position position, String note) {
    }

    public record CompetitorView(UUID id, UUID productId, String name, String segment, List<String> strengths,
                                 List<String> weaknesses, String notes, List<String> keywords, List<ComparisonView> comparisons,
                                 int version, Instant createdAt, Instant updatedAt) {
    }

    /** One open initiative against every competitor: AHEAD, PARITY, BEHIND, NOT_OFFERED, or null where nobody compared. */
    public record LandscapeRow(UUID initiativeId, String title, String horizon, Map<String, Competitor.Position> positions) {
    }

    public record Landscape(List<String> competitors, List<LandscapeRow> initiatives) {
    }

    @POST
    @Path("/competitors")
    @Operation(summary = "Add a competitor of the product")
    @APIResponseSchema(value = CompetitorView.class, responseCode = "201", responseDescription = "The competitor, with its version in ETag and its address in Location")
    public Response add(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                        @Valid @NotNull CompetitorRequest body) {
        return idempotency.create("competitors:" + productId, key, body, () -> {
            CompetitorView view = view(commands.add(productId, new Competitor.Profile(body.name(), body.segment(), body.strengths(),
                    body.weaknesses(), body.notes(), body.keywords()), request.newEventMetadata()));
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + productId + "/competitors/" + view.id()),
                    Versions.etag(view.version()), view);
        });
    }

    @GET
    @Path("/competitors")
    @Operation(summary = "The product's competitors by name")
    public List<CompetitorView> list(@PathParam("productId") UUID productId) {
        return states.ofProduct(RoadmapRepositories.COMPETITOR, productId, Competitor.class).stream()
                .map(CompetitorResource::view)
                .sorted(Comparator.comparing(CompetitorView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @GET
    @Path("/competitors/{competitorId}")
    @APIResponseSchema(value = CompetitorView.class, responseCode = "200", responseDescription = "The competitor, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("competitorId") UUID competitorId) {
        return ok(states.find(RoadmapRepositories.COMPETITOR, competitorId, Competitor.class)
                .filter(c -> c.state().productId().equals(productId))
                .orElseThrow(() -> ProblemException.notFound("competitor " + competitorId)));
    }

    @PATCH
    @Path("/competitors/{competitorId}")
    @Operation(summary = "Change what is known of a competitor; omitted fields stay")
    @APIResponseSchema(value = CompetitorView.class, responseCode = "200", responseDescription = "The competitor as it is now, with its new version in ETag")
    public Response edit(@PathParam("productId") UUID productId, @PathParam("competitorId") UUID competitorId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EditCompetitorRequest body) {
        return ok(commands.edit(productId, competitorId, new Competitor.Profile(body.name(), body.segment(), body.strengths(),
                body.weaknesses(), body.notes(), body.keywords()), ifMatch, request.newEventMetadata()));
    }

    @PUT
    @Path("/competitors/{competitorId}/comparisons/{initiativeId}")
    @Operation(summary = "Say where an initiative stands against the competitor: AHEAD, PARITY, BEHIND or NOT_OFFERED")
    @APIResponseSchema(value = CompetitorView.class, responseCode = "200", responseDescription = "The competitor as it is now, with its new version in ETag")
    public Response compare(@PathParam("productId") UUID productId, @PathParam("competitorId") UUID competitorId,
                            @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull ComparisonRequest body) {
        return ok(commands.compare(productId, competitorId, initiativeId, body.position(), body.note(), ifMatch,
                request.newEventMetadata()));
    }

    @DELETE
    @Path("/competitors/{competitorId}/comparisons/{initiativeId}")
    @Operation(summary = "Take back a comparison")
    @APIResponseSchema(value = CompetitorView.class, responseCode = "200", responseDescription = "The competitor as it is now, with its new version in ETag")
    public Response removeComparison(@PathParam("productId") UUID productId, @PathParam("competitorId") UUID competitorId,
                                     @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.removeComparison(productId, competitorId, initiativeId, ifMatch, request.newEventMetadata()));
    }

    @GET
    @Path("/competitive-landscape")
    @Operation(summary = "Every open initiative (NOW first, by rank) against every competitor")
    public Landscape landscape(@PathParam("productId") UUID productId) {
        List<CompetitorView> competitors = list(productId);
        List<LandscapeRow> rows = states.ofProduct(RoadmapRepositories.INITIATIVE, productId, Initiative.class).stream()
                .map(Versioned::state)
                .filter(i -> !i.status().isFinal())
                .sorted(Comparator.comparing(Initiative::horizon).thenComparingDouble(Initiative::rankKey))
                .map(i -> new LandscapeRow(i.id(), i.title(), i.horizon().name(), positionsOf(i.id(), competitors)))
                .toList();
        return new Landscape(competitors.stream().map(CompetitorView::name).toList(), rows);
    }

    private static Map<String, Competitor.Position> positionsOf(UUID initiativeId, List<CompetitorView> competitors) {
        Map<String, Competitor.Position> positions = new LinkedHashMap<>();
        for (CompetitorView competitor : competitors) {
            positions.put(competitor.name(), competitor.comparisons().stream().filter(c -> c.initiativeId().equals(initiativeId))
                    .map(ComparisonView::position).findFirst().orElse(null));
        }
        return positions;
    }

    private static Response ok(Versioned<Competitor> competitor) {
        CompetitorView view = view(competitor);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    static CompetitorView view(Versioned<Competitor> v) {
        Competitor c = v.state();
        List<ComparisonView> comparisons = c.comparisons().entrySet().stream()
                .map(e -> new ComparisonView(e.getKey(), e.getValue().position(), e.getValue().note()))
                .sorted(Comparator.comparing(ComparisonView::initiativeId))
                .toList();
        return new CompetitorView(c.id(), c.productId(), c.name(), c.segment(), c.strengths(), c.weaknesses(), c.notes(),
                c.keywords(), comparisons, v.version(), v.createdAt(), v.updatedAt());
    }
}
