package dev.northstar.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.northstar.analytics.readmodel.MetricsQueries;
import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.sharing.ShareLinkSettings;
import dev.northstar.platform.sharing.ShareLinks;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A dashboard opened by a share link (made in integrations-service): the product's metrics and their live stream,
 * without an account, until the link expires (a stream ends then) or is revoked (no new stream opens).
 * {@code dashboard.html#share=<token>} reads them.
 */
@Path("/api/v1/shared/{token}/metrics")
@Tag(name = "Shared", description = "What a share link opens, without a bearer token")
public class SharedMetricsResource {
    private final ShareLinks links;
    private final MetricsQueries metrics;
    private final MetricsFeed feed;

    /** Marks the end of a stream whose link no longer opens. */
    private static final JsonNode CLOSED = JsonNodeFactory.instance.objectNode();

    private final PublicMetrics publicMetrics;
    private final ShareLinkSettings settings;

    public SharedMetricsResource(ShareLinks links, MetricsQueries metrics, MetricsFeed feed, PublicMetrics publicMetrics,
                                 ShareLinkSettings settings) {
        this.links = links;
        this.metrics = metrics;
        this.feed = feed;
        this.publicMetrics = publicMetrics;
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The metrics of the product a dashboard share link opens (404 once it expired or was revoked): the "
            + "public ones (feedback, NPS, sentiment, delivery, roadmap progress without business cases or health reports, "
            + "release impact), or every metric for a link made for an INTERNAL audience")
    public Map<String, Object> snapshot(@PathParam("token") String token) {
        ShareLinks.Grant grant = open(token);
        Map<String, Object> all = metrics.snapshot(grant.productId());
        return grant.internal() ? all : publicMetrics.snapshot(all);
    }

    @GET
    @Path("/stream")
    @Blocking // the caller and the first values come from the database: never on the event loop
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live metric changes of the shared product as Server-Sent Events, until the link expires")
    public Multi<JsonNode> stream(@PathParam("token") String token) {
        ShareLinks.Grant grant = open(token);
        // each link counts its own open streams (a token's holder could otherwise starve another link's viewers)
        Multi<JsonNode> changes = feed.follow(grant.productId(), "share-link:" + IntegrationsEvent.ShareLinkCreated.tokenSha256(token),
                Duration.between(Instant.now(), grant.expiresAt()));
        Multi<JsonNode> shown = grant.internal() ? changes
                : changes.select().where(PublicMetrics::shows).map(publicMetrics::change);
        // a revoked link's stream ends at the next check (and a link whose owner does not answer is not served on)
        Multi<JsonNode> closed = Multi.createFrom().ticks().every(settings.recheckInterval())
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom()
                        .item(() -> links.open(token, ShareLinks.Scope.DASHBOARD).isPresent())
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .select().where(open -> !open).map(revoked -> CLOSED);
        return Multi.createBy().merging().streams(shown, closed).select().first(change -> change != CLOSED);
    }

    private ShareLinks.Grant open(String token) {
        return links.open(token, ShareLinks.Scope.DASHBOARD).filter(grant -> metrics.knows(grant.productId()))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "not-found", "Not found",
                        "no dashboard is shared by this link: it expired, was revoked, or never existed")));
    }
}
