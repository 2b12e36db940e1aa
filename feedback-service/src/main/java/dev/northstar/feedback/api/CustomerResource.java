package dev.northstar.feedback.api;

import dev.northstar.feedback.api.FeedbackDtos.CustomerRequest;
import dev.northstar.feedback.api.FeedbackDtos.CustomerRequests;
import dev.northstar.feedback.api.FeedbackDtos.LinkedTarget;
import dev.northstar.contracts.Roles;
import dev.northstar.feedback.application.CustomerErasure;
import dev.northstar.feedback.application.CustomerErasure.Erased;
import dev.northstar.feedback.application.KnownTargets;
import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.readmodel.FeedbackQueries;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.security.OnlyWritableBy;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.lifecycle.AllowedWhenRetired;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

@Path("/api/v1/products/{productId}/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "What each customer asked for and what shipped for it; erasure of a customer's data")
public class CustomerResource {
    private final FeedbackQueries queries;
    private final KnownTargets targets;
    private final CustomerErasure erasure;
    private final RequestMetadata request;

    public CustomerResource(FeedbackQueries queries, KnownTargets targets, CustomerErasure erasure, RequestMetadata request) {
        this.queries = queries;
        this.targets = targets;
        this.erasure = erasure;
        this.request = request;
    }

    @DELETE
    @Path("/{customerId}")
    @AllowedWhenRetired
    @OnlyWritableBy(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Erase a customer (privacy officer): their key is destroyed, so their id, account and words read as [erased] "
            + "in every service, replay and rebuild from now on; counts and metrics keep their values. Cannot be undone.")
    public Erased erase(@PathParam("productId") UUID productId, @PathParam("customerId") @Size(max = 200) String customerId) {
        if (!targets.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        return erasure.erase(productId, customerId, request.newEventMetadata()).orElseThrow(() -> ProblemException.notFound(
                "data of customer " + customerId + " on product " + productId));
    }

    @GET
    @Path("/{customerId}/requests")
    @Operation(summary = "What a customer asked for (their feedback, oldest first), its status, what it is linked to and what shipped for it")
    public CustomerRequests requests(@PathParam("productId") UUID productId,
                                     @PathParam("customerId") @Size(max = 200) String customerId) {
        if (!targets.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        List<Versioned<Feedback>> feedback = queries.ofCustomer(productId, customerId);
        if (feedback.isEmpty()) {
            throw ProblemException.notFound("feedback of customer " + customerId + " on product " + productId);
        }
        List<CustomerRequest> items = feedback.stream().map(v -> {
            Feedback f = v.state();
            return new CustomerRequest(f.id(), f.text(), v.createdAt(), f.status(),
                    f.links().stream().map(t -> new LinkedTarget(t.type(), t.id(), targets.titleOf(t.id()))).toList(),
                    f.answeredBy());
        }).toList();
        List<String> accounts = feedback.stream().map(v -> v.state().customer().account()).filter(Objects::nonNull).distinct().toList();
        int answered = (int) items.stream().filter(request -> !request.shipped().isEmpty()).count();
        return new CustomerRequests(CustomerIds.normalized(customerId), accounts, items.size(), answered, items);
    }
}
