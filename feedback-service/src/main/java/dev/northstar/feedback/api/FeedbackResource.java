package dev.northstar.feedback.api;

import dev.northstar.feedback.api.FeedbackDtos.FeedbackPage;
import dev.northstar.feedback.api.FeedbackDtos.FeedbackView;
import dev.northstar.feedback.api.FeedbackDtos.ImportRequest;
import dev.northstar.feedback.api.FeedbackDtos.ImportResult;
import dev.northstar.feedback.api.FeedbackDtos.ImportRow;
import dev.northstar.feedback.api.FeedbackDtos.LinkRequest;
import dev.northstar.feedback.api.FeedbackDtos.Outcome;
import dev.northstar.feedback.api.FeedbackDtos.RowError;
import dev.northstar.feedback.api.FeedbackDtos.SubmitRequest;
import dev.northstar.feedback.api.FeedbackDtos.TagsRequest;
import dev.northstar.feedback.api.FeedbackDtos.TriageRequest;
import dev.northstar.feedback.application.CustomerDataSealing;
import dev.northstar.feedback.application.FeedbackCommands;
import dev.northstar.feedback.application.KnownTargets;
import dev.northstar.feedback.application.FeedbackCommands.NewFeedback;
import dev.northstar.feedback.application.FeedbackCommands.Submitted;
import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.feedback.domain.Customer;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackRuleViolation;
import dev.northstar.feedback.domain.Sentiment;
import dev.northstar.feedback.domain.Source;
import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.feedback.domain.TriageStatus;
import dev.northstar.feedback.readmodel.FeedbackQueries;
import dev.northstar.platform.api.Cursors;
import dev.northstar.platform.api.EventHistory;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/products/{productId}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback", description = "The voice of the customer: feedback with ratings, tags and triage, linked to initiatives and items")
public class FeedbackResource {
    private final FeedbackCommands commands;
    private final FeedbackQueries queries;
    private final RequestMetadata request;
    private final Cursors cursors;
    private final EventHistory history;
    private final Validator validator;
    private final KnownTargets targets;
    private final CustomerDataSealing sealing;

    public FeedbackResource(FeedbackCommands commands, FeedbackQueries queries, RequestMetadata request, Cursors cursors,
                            EventHistory history, Validator validator, KnownTargets targets, CustomerDataSealing sealing) {
        this.sealing = sealing;
        this.commands = commands;
        this.queries = queries;
        this.request = request;
        this.cursors = cursors;
        this.history = history;
        this.validator = validator;
        this.targets = targets;
    }

    @POST
    @Operation(summary = "Submit feedback; the same externalId twice is one feedback (the second answer is 200 with the first)")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "201", responseDescription = "The feedback (200 with the earlier one when the same feedback was submitted before)")
    public Response submit(@PathParam("productId") UUID productId, @Valid @NotNull SubmitRequest body) {
        Submitted submitted = commands.submit(productId, toNew(body), request.newEventMetadata());
        FeedbackView view = view(submitted.feedback());
        Response.ResponseBuilder response = submitted.duplicate() ? Response.ok(view) : Response.status(201).entity(view);
        return response.location(URI.create("/api/v1/products/" + productId + "/feedback/" + view.id()))
                .header("ETag", Versions.etag(view.version())).build();
    }

    @POST
    @Path("/import")
    @Operation(summary = "Import many entries (support and survey tools): each row is accepted, a duplicate (same externalId) or invalid with why")
    public ImportResult importEntries(@PathParam("productId") UUID productId, @Valid @NotNull ImportRequest body) {
        List<ImportRow> rows = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int invalid = 0;
        for (int i = 0; i < body.entries().size(); i++) {
            SubmitRequest row = body.entries().get(i);
            List<RowError> errors = row == null ? List.of(new RowError("entry", "must not be null"))
                    : validator.validate(row).stream()
                    .map(v -> new RowError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(RowError::field)).toList();
            if (!errors.isEmpty()) {
                rows.add(new ImportRow(i, Outcome.INVALID, null, row == null ? null : row.externalId(), errors));
                invalid++;
                continue;
            }
            try {
                Submitted submitted = commands.submit(productId, toNew(row), request.newEventMetadata());
                rows.add(new ImportRow(i, submitted.duplicate() ? Outcome.DUPLICATE : Outcome.ACCEPTED,
                        submitted.feedback().state().id(), row.externalId(), List.of()));
                if (submitted.duplicate()) {
                    duplicates++;
                } else {
                    accepted++;
                }
            } catch (FeedbackRuleViolation.InvalidValue e) {
                rows.add(new ImportRow(i, Outcome.INVALID, null, row.externalId(), List.of(new RowError(e.field(), e.getMessage()))));
                invalid++;
            }
        }
        return new ImportResult(accepted, duplicates, invalid, rows);
    }

    @GET
    @Operation(summary = "Search feedback, newest first: filter by source, status, sentiment, tag, linkedTo, customerId, q (text)")
    public FeedbackPage search(@PathParam("productId") UUID productId, @QueryParam("source") String source,
                               @QueryParam("status") String status, @QueryParam("sentiment") String sentiment,
                               @QueryParam("tag") String tag, @QueryParam("linkedTo") String linkedTo,
                               @QueryParam("customerId") String customerId, @QueryParam("q") String text,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (!targets.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        Source s = QueryParams.enumValue("source", source, Source.class);
        TriageStatus st = QueryParams.enumValue("status", status, TriageStatus.class);
        Sentiment.Label se = QueryParams.enumValue("sentiment", sentiment, Sentiment.Label.class);
        FeedbackQueries.Filter filter = new FeedbackQueries.Filter(s == null ? null : s.name(), st == null ? null : st.name(),
                se == null ? null : se.name(), blankToNull(tag), QueryParams.uuid("linkedTo", linkedTo),
                blankToNull(customerId), blankToNull(text));
        FeedbackQueries.Position after = cursor == null || cursor.isBlank() ? null
                : cursors.decode(cursor, FeedbackQueries.Position.class);
        FeedbackQueries.Page page = queries.search(productId, filter, after, QueryParams.limit(limit, 50, 200));
        return new FeedbackPage(page.items().stream().map(FeedbackResource::view).toList(),
                page.next() == null ? null : cursors.encode(page.next()));
    }

    @GET
    @Path("/{feedbackId}")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "200", responseDescription = "The feedback, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId) {
        return ok(queries.find(productId, feedbackId).orElseThrow(() -> ProblemException.notFound("feedback " + feedbackId)));
    }

    @GET
    @Path("/{feedbackId}/history")
    public List<EventHistory.Entry> history(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId) {
        return history.of(productId, feedbackId, "feedback", sealing);
    }

    @POST
    @Path("/{feedbackId}/links")
    @Operation(summary = "Link feedback to an initiative or a backlog item the product's roadmap or backlog announced")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "200", responseDescription = "The feedback as it is now, with its new version in ETag")
    public Response link(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull LinkRequest body) {
        return ok(commands.link(productId, feedbackId, new Target(body.type(), body.id()), ifMatch, request.newEventMetadata()));
    }

    @DELETE
    @Path("/{feedbackId}/links/{type}/{targetId}")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "200", responseDescription = "The feedback as it is now, with its new version in ETag")
    public Response unlink(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId,
                           @PathParam("type") String type, @PathParam("targetId") UUID targetId,
                           @HeaderParam("If-Match") String ifMatch) {
        Target target = new Target(QueryParams.enumValue("type", type, TargetType.class), targetId);
        return ok(commands.update(productId, feedbackId, ifMatch, request.newEventMetadata(), f -> f.unlink(target)));
    }

    @POST
    @Path("/{feedbackId}/triage")
    @Operation(summary = "Set the triage status: NEW, REVIEWED, PLANNED, DECLINED, DONE")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "200", responseDescription = "The feedback as it is now, with its new version in ETag")
    public Response triage(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TriageRequest body) {
        return ok(commands.update(productId, feedbackId, ifMatch, request.newEventMetadata(), f -> f.triage(body.status())));
    }

    @PUT
    @Path("/{feedbackId}/tags")
    @APIResponseSchema(value = FeedbackView.class, responseCode = "200", responseDescription = "The feedback as it is now, with its new version in ETag")
    public Response tags(@PathParam("productId") UUID productId, @PathParam("feedbackId") UUID feedbackId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TagsRequest body) {
        Set<String> tags = body.tags();
        return ok(commands.update(productId, feedbackId, ifMatch, request.newEventMetadata(), f -> f.tag(tags)));
    }

    private static NewFeedback toNew(SubmitRequest body) {
        return new NewFeedback(body.source(), new Customer(CustomerIds.normalized(body.customerId()), blankToNull(body.account()),
                blankToNull(body.segment()), body.accountValue()), body.text(), body.rating(), body.tags(), blankToNull(body.externalId()),
                blankToNull(body.competitor()), Boolean.TRUE.equals(body.lostDeal()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Response ok(Versioned<Feedback> feedback) {
        FeedbackView view = view(feedback);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    static FeedbackView view(Versioned<Feedback> v) {
        Feedback f = v.state();
        return new FeedbackView(f.id(), f.productId(), f.source(), f.customer().customerId(), f.customer().account(),
                f.customer().segment(), f.customer().accountValue(), f.text(), f.rating(), f.npsClass(),
                f.tags().stream().sorted().toList(), f.externalId(), f.sentiment().score(), f.sentiment().label().name(),
                f.links(), f.status(), f.competitors(), f.lostDeal(), f.answeredBy(), v.version(), v.createdAt(), v.updatedAt());
    }

}
