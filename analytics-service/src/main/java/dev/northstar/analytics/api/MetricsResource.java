package dev.northstar.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.analytics.readmodel.MetricsQueries;
import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/products/{productId}/metrics")
@Tag(name = "Metrics", description = "A product's metrics (feedback volume and sentiment, NPS, demand, delivery, roadmap progress, backlog order, key results), their time series and their live stream")
public class MetricsResource {
    private static final List<String> SERIES = List.of("feedback.volume", "nps", "items.accepted");

    private final MetricsQueries metrics;
    private final MetricsFeed feed;
    private final JsonWebToken token;
    private final Duration tokenMaxAge;

    public MetricsResource(MetricsQueries metrics, MetricsFeed feed, JsonWebToken token,
                           @ConfigProperty(name = "mp.jwt.verify.token.age") long tokenMaxAgeSeconds) {
        this.metrics = metrics;
        this.feed = feed;
        this.token = token;
        this.tokenMaxAge = Duration.ofSeconds(tokenMaxAgeSeconds);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every metric of the product now")
    public Map<String, Object> snapshot(@PathParam("productId") UUID productId) {
        requireKnown(productId);
        return metrics.snapshot(productId);
    }

    @GET
    @Path("/key-results")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The product's key results with actual value, progress, trend and status, now or as of an instant",
            description = "The same value as the keyResults metric. With asOf: the key results defined by then and not yet removed "
                    + "(with their current baseline, target and due date), measured and computed from the facts up to that instant.")
    public List<MetricsQueries.KeyResultStanding> keyResults(@PathParam("productId") UUID productId,
                                                             @QueryParam("asOf") String asOf) {
        requireKnown(productId);
        return metrics.keyResults(productId, asOf == null ? Instant.now() : QueryParams.instant("asOf", asOf));
    }

    @GET
    @Path("/series")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A time series by HOUR or DAY over [from, to): feedback.volume, nps, items.accepted")
    public List<MetricsQueries.Point> series(@PathParam("productId") UUID productId, @QueryParam("metric") String metric,
                                             @QueryParam("interval") String interval, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        if (metric == null || !SERIES.contains(metric)) {
            throw ProblemException.badRequest("metric", "must be one of " + SERIES);
        }
        String unit = interval == null ? "DAY" : interval.strip().toUpperCase();
        if (!unit.equals("HOUR") && !unit.equals("DAY")) {
            throw ProblemException.badRequest("interval", "must be HOUR or DAY");
        }
        Instant end = to == null ? Instant.now() : QueryParams.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : QueryParams.instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(unit.equals("HOUR") ? 31 : 3660)) > 0) {
            throw ProblemException.badRequest("from", "the range is too long for " + unit + " buckets");
        }
        return metrics.series(productId, metric, unit, start, end);
    }

    /**
     * Server-Sent Events: first the current value of every metric, then each change as it happens
     * (one JSON object per event: productId, metric, value, at, causedBy, causedByType). The stream ends when
     * the caller's token expires, so a revoked viewer stops seeing data at the latest then; clients reconnect
     * with a fresh token.
     */
    @GET
    @Path("/stream")
    @Blocking // the caller and the first values come from the database: never on the event loop
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live metric changes as Server-Sent Events, starting with the current values")
    public Multi<JsonNode> stream(@PathParam("productId") UUID productId) {
        // a token inside the verifier's clock skew is valid but has no time left: refuse it before subscribing; a stream
        // lasts no longer than a plain request with the token could be made (its expiry, or its maximum age)
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        Instant tooOld = Instant.ofEpochSecond(token.getIssuedAtTime()).plus(tokenMaxAge);
        Duration untilExpiry = Duration.between(Instant.now(), expires.isBefore(tooOld) ? expires : tooOld);
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            throw new ProblemException(Problem.of(401, "unauthorized", "Unauthorized",
                    "the token has expired; open the stream again with a fresh one"));
        }
        return feed.follow(productId, token.getName(), untilExpiry);
    }

    private void requireKnown(UUID productId) {
        if (!metrics.knows(productId)) {
            throw ProblemException.notFound("metrics of product " + productId);
        }
    }
}
