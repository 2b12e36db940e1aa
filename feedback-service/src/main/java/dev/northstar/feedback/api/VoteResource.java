package dev.northstar.feedback.api;

import dev.northstar.feedback.api.FeedbackDtos.VoteRequest;
import dev.northstar.feedback.api.FeedbackDtos.VoteTally;
import dev.northstar.feedback.api.FeedbackDtos.VoteView;
import dev.northstar.feedback.application.FeedbackCommands;
import dev.northstar.feedback.application.FeedbackRepositories;
import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.feedback.domain.Target;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.feedback.domain.Vote;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.privacy.SealedValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@Path("/api/v1/products/{productId}/votes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Votes", description = "Customers' votes for initiatives and backlog items, one per customer and target")
public class VoteResource {
    private final FeedbackCommands commands;
    private final AggregateStates states;
    private final RequestMetadata request;

    public VoteResource(FeedbackCommands commands, AggregateStates states, RequestMetadata request) {
        this.commands = commands;
        this.states = states;
        this.request = request;
    }

    @POST
    @Operation(summary = "A customer votes for an initiative or a backlog item: one vote per customer per target (409 for a second)")
    @APIResponseSchema(value = VoteView.class, responseCode = "201", responseDescription = "The vote")
    public Response vote(@PathParam("productId") UUID productId, @Valid @NotNull VoteRequest body) {
        VoteView view = view(commands.vote(productId, new Target(body.targetType(), body.targetId()),
                CustomerIds.normalized(body.customerId()),
                body.account(), body.accountValue(), request.newEventMetadata()));
        return Response.status(201).entity(view).build();
    }

    @DELETE
    @Path("/{targetType}/{targetId}/{customerId}")
    @Operation(summary = "Withdraw a customer's vote")
    public VoteView withdraw(@PathParam("productId") UUID productId, @PathParam("targetType") String targetType,
                             @PathParam("targetId") UUID targetId, @PathParam("customerId") String customerId) {
        Target target = new Target(QueryParams.enumValue("targetType", targetType, TargetType.class), targetId);
        return view(commands.withdraw(productId, target, CustomerIds.normalized(customerId), request.newEventMetadata()));
    }

    @GET
    @Operation(summary = "Vote tallies per target: votes, distinct accounts, summed account value")
    public List<VoteTally> tallies(@PathParam("productId") UUID productId, @QueryParam("targetId") String targetId) {
        UUID only = QueryParams.uuid("targetId", targetId);
        Map<Target, List<Vote>> byTarget = new LinkedHashMap<>();
        for (Versioned<Vote> vote : states.ofProduct(FeedbackRepositories.VOTE, productId, Vote.class)) {
            if (vote.state().active() && (only == null || only.equals(vote.state().target().id()))) {
                byTarget.computeIfAbsent(vote.state().target(), t -> new java.util.ArrayList<>()).add(vote.state());
            }
        }
        return byTarget.entrySet().stream().map(e -> {
            List<Vote> votes = e.getValue();
            var accounts = new HashSet<String>();
            BigDecimal value = BigDecimal.ZERO;
            for (Vote v : votes) {
                // an erased customer's account is unnamed now: it counts as an account of its own
                String account = SealedValues.ERASED.equals(v.account()) ? "erased:" + v.id()
                        : Objects.requireNonNullElse(v.account(), "customer:" + v.customerId());
                if (accounts.add(account) && v.accountValue() != null) {
                    value = value.add(v.accountValue());
                }
            }
            return new VoteTally(e.getKey().type(), e.getKey().id(), votes.size(), accounts.size(), value);
        }).toList();
    }

    static VoteView view(Versioned<Vote> v) {
        Vote vote = v.state();
        return new VoteView(vote.id(), vote.target().type(), vote.target().id(), vote.customerId(), vote.account(),
                vote.accountValue(), vote.active(), v.version());
    }
}
