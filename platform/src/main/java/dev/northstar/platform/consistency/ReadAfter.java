package dev.northstar.platform.consistency;

import dev.northstar.platform.api.Problem;
import dev.northstar.platform.consistency.AppliedPositions.Lag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request with {@code Northstar-After: <position>} (any method: a write validates against what this service knows
 * too) goes on once this service has applied that position, so it never answers from older state than the caller has
 * seen. If it cannot within {@code northstar.consistency.wait}, the answer is 503 {@code not-caught-up}, naming the
 * consumer that is behind and by how much, with Retry-After. A malformed position is a 400 (an empty one is none).
 * Runs after authorization (a caller who may not see the product waits for nothing) and holds no thread while it waits.
 */
public class ReadAfter {
    public static final String HEADER = "Northstar-After";
    private static final String RETRY_AFTER_SECONDS = "1";

    private final AppliedPositions applied;
    private final ConsistencySettings settings;

    public ReadAfter(AppliedPositions applied, ConsistencySettings settings) {
        this.applied = applied;
        this.settings = settings;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 5)
    public Uni<Response> awaitPosition(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header == null || header.isBlank()) {
            // a client that hands on what a write answered, when it answered no position, waits for nothing
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getPath();
        Position position;
        try {
            position = Position.decode(header);
        } catch (IllegalArgumentException malformed) {
            return Uni.createFrom().item(Problem.of(400, "bad-request", "Bad request",
                            HEADER + " must be a Northstar-Position this API answered: " + malformed.getMessage())
                    .withErrors(List.of(new Problem.FieldError(HEADER, malformed.getMessage()))).at(path).toResponse());
        }
        return Uni.createFrom().completionStage(applied.await(position))
                .map(lags -> lags.isEmpty() ? null : notCaughtUp(lags, path));
    }

    private Response notCaughtUp(List<Lag> lags, String path) {
        Lag furthest = lags.stream().max(Comparator.comparingLong(Lag::behind)).orElseThrow();
        String consumers = lags.stream().map(Lag::consumer).distinct().sorted().collect(Collectors.joining(", "));
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("consumer", furthest.consumer());
        members.put("behind", lags.stream().mapToLong(Lag::behind).sum());
        members.put("lag", lags.stream().map(lag -> Map.of("consumer", lag.consumer(), "topic", lag.topic(),
                "partition", lag.partition(), "wanted", lag.wanted(), "applied", lag.applied(), "behind", lag.behind())).toList());
        Problem problem = Problem.of(503, "not-caught-up", "Not caught up",
                        "this service has not applied the position in " + HEADER + " within " + settings.waitFor().toMillis()
                                + " ms: consumer " + consumers + " is behind (" + furthest.consumer() + " by "
                                + furthest.behind() + " records on " + furthest.topic() + "/" + furthest.partition()
                                + "); ask again later")
                .with(members).at(path);
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
