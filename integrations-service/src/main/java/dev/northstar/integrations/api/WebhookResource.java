package dev.northstar.integrations.api;

import dev.northstar.contracts.Roles;
import dev.northstar.integrations.api.WebhookDtos.AttemptView;
import dev.northstar.integrations.api.WebhookDtos.ChangeWebhookRequest;
import dev.northstar.integrations.api.WebhookDtos.CreateWebhookRequest;
import dev.northstar.integrations.api.WebhookDtos.DeliveryPage;
import dev.northstar.integrations.api.WebhookDtos.DeliveryStatus;
import dev.northstar.integrations.api.WebhookDtos.DeliveryView;
import dev.northstar.integrations.api.WebhookDtos.ReplayRequest;
import dev.northstar.integrations.api.WebhookDtos.ReplayResult;
import dev.northstar.integrations.api.WebhookDtos.Trigger;
import dev.northstar.integrations.api.WebhookDtos.WebhookView;
import dev.northstar.integrations.application.Subscriptions;
import dev.northstar.integrations.readmodel.DeliveryLog;
import dev.northstar.integrations.readmodel.Subscription;
import dev.northstar.platform.api.Cursors;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.lifecycle.AllowedWhenRetired;
import dev.northstar.platform.security.OnlyReadableBy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Webhook subscriptions of a product, their delivery log, redelivery and replay. Product managers keep
 * them and alone may read them (they name the team's endpoints).
 */
@Path("/api/v1/products/{productId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@OnlyReadableBy(Roles.PRODUCT_MANAGER)
@Tag(name = "Webhooks", description = "Signed deliveries (Standard Webhooks, CloudEvents JSON) of the product's events to a team's endpoints, with a delivery log and replay from any instant")
public class WebhookResource {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final Cursors cursors;
    private final IdempotencyKeys idempotency;
    private final RequestMetadata request;

    public WebhookResource(Subscriptions subscriptions, DeliveryLog log, Cursors cursors, IdempotencyKeys idempotency,
                           RequestMetadata request) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.cursors = cursors;
        this.idempotency = idempotency;
        this.request = request;
    }

    @POST
    @Operation(summary = "Subscribe an endpoint to the product's events; the answer carries the signing secret, the only time it is shown")
    @APIResponseSchema(value = WebhookView.class, responseCode = "201", responseDescription = "The subscription and its secret, with its version in ETag")
    public Response subscribe(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                              @Valid @NotNull CreateWebhookRequest body) {
        return idempotency.create("webhooks:" + productId, key, body, () -> {
            Subscriptions.Created created = subscriptions.create(productId, body.url(), body.eventTypes(), body.secret(),
                    body.description(), request.actor());
            WebhookView view = view(created.subscription(), created.secret());
            // a retry with the same key answers the subscription without its secret: no secret is kept in clear
            return IdempotencyKeys.Created.withholding(URI.create("/api/v1/products/" + productId + "/webhooks/" + view.id()),
                    Versions.etag(view.version()), view, view(created.subscription(), null), "secret");
        });
    }

    @GET
    @Operation(summary = "The product's webhook subscriptions (without their secrets)")
    public List<WebhookView> list(@PathParam("productId") UUID productId) {
        return subscriptions.ofProduct(productId).stream().map(subscription -> view(subscription, null)).toList();
    }

    @GET
    @Path("/{webhookId}")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200", responseDescription = "The subscription, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId) {
        WebhookView view = view(subscriptions.find(productId, webhookId), null);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @PATCH
    @Path("/{webhookId}")
    @AllowedWhenRetired
    @Operation(summary = "Change the URL, event types or description, or disable or re-enable the subscription (If-Match)")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200", responseDescription = "The subscription as it is now, with its new version in ETag")
    public Response change(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ChangeWebhookRequest body) {
        Subscription changed = subscriptions.change(productId, webhookId, ifMatch,
                new Subscriptions.Change(body.url(), body.eventTypes(), body.description(), body.enabled()));
        WebhookView view = view(changed, null);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @DELETE
    @Path("/{webhookId}")
    @AllowedWhenRetired
    @Operation(summary = "Delete the subscription and its delivery log; nothing more is sent to it")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Deleted")
    public Response delete(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId) {
        subscriptions.delete(productId, webhookId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(summary = "The delivery log, newest first: status, attempts, the last answer's code and time")
    public DeliveryPage deliveries(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId,
                                   @QueryParam("status") String status, @QueryParam("limit") String limit,
                                   @QueryParam("cursor") String cursor) {
        subscriptions.find(productId, webhookId);
        DeliveryStatus only = status == null ? null : QueryParams.enumValue("status", status, DeliveryStatus.class);
        int size = QueryParams.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Long before = cursor == null ? null : cursors.decode(cursor, Long.class);
        List<DeliveryLog.Entry> entries = log.page(webhookId, only == null ? null : only.name(), before, size + 1);
        String next = entries.size() > size ? cursors.encode(entries.get(size - 1).sequence()) : null;
        return new DeliveryPage(entries.stream().limit(size).map(entry -> view(entry, null)).toList(), next);
    }

    @GET
    @Path("/{webhookId}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with every attempt")
    public DeliveryView delivery(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId,
                                 @PathParam("deliveryId") UUID deliveryId) {
        subscriptions.find(productId, webhookId);
        DeliveryLog.Entry entry = log.find(webhookId, deliveryId).orElseThrow(() -> ProblemException.notFound(
                "delivery " + deliveryId + " of webhook " + webhookId));
        return view(entry, log.attempts(deliveryId).stream()
                .map(a -> new AttemptView(a.number(), a.at(), a.statusCode(), a.durationMs(), a.error())).toList());
    }

    @POST
    @Path("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery's event again, as a new delivery (same webhook-id, so receivers can tell)")
    @APIResponseSchema(value = DeliveryView.class, responseCode = "202", responseDescription = "The new delivery, queued")
    public Response redeliver(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId,
                              @PathParam("deliveryId") UUID deliveryId) {
        UUID queued = subscriptions.redeliver(productId, webhookId, deliveryId);
        DeliveryView view = view(log.find(webhookId, queued).orElseThrow(), null);
        return Response.accepted(view).location(URI.create("/api/v1/products/" + productId + "/webhooks/" + webhookId
                + "/deliveries/" + queued)).build();
    }

    @POST
    @Path("/{webhookId}/replay")
    @Operation(summary = "Deliver again every event the subscription wants from an instant on, in the order they happened")
    @APIResponseSchema(value = ReplayResult.class, responseCode = "202", responseDescription = "How many deliveries were queued")
    public Response replay(@PathParam("productId") UUID productId, @PathParam("webhookId") UUID webhookId,
                           @Valid @NotNull ReplayRequest body) {
        Instant until = body.until() == null ? Instant.now() : body.until();
        int queued = subscriptions.replay(productId, webhookId, body.since(), until);
        return Response.accepted(new ReplayResult(webhookId, body.since(), until, queued)).build();
    }

    private static WebhookView view(Subscription subscription, String secret) {
        return new WebhookView(subscription.id, subscription.productId, subscription.url, Arrays.asList(subscription.eventTypes),
                subscription.description, subscription.enabled, subscription.disabledReason, subscription.disabledAt,
                subscription.createdAt, subscription.createdBy, subscription.updatedAt, subscription.version, secret);
    }

    private static DeliveryView view(DeliveryLog.Entry entry, List<AttemptView> attempts) {
        return new DeliveryView(entry.id(), entry.eventId(), entry.eventType(), entry.subject(), entry.eventTime(),
                Trigger.valueOf(entry.trigger()), DeliveryStatus.valueOf(entry.status()), entry.attempts(), entry.createdAt(),
                entry.lastAttemptAt(), entry.nextAttemptAt(), entry.lastStatusCode(), entry.lastDurationMs(), entry.lastError(),
                attempts);
    }
}
