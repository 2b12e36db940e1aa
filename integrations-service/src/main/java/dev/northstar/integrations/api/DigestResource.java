package dev.northstar.integrations.api;

import dev.northstar.integrations.readmodel.Digest;
import dev.northstar.integrations.readmodel.DigestQueries;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.integrations.application.KnownProducts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/products/{productId}/digest")
@Tag(name = "Digest", description = "What changed in a product over a period, for stakeholders: moves, shipments, status, health, priority and why")
public class DigestResource {
    static final String MARKDOWN = "text/markdown";
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration LONGEST = Duration.ofDays(366);

    private final DigestQueries digests;
    private final KnownProducts products;
    private final DigestsInProgress inProgress;
    private final RequestMetadata request;

    public DigestResource(DigestQueries digests, KnownProducts products, DigestsInProgress inProgress, RequestMetadata request) {
        this.digests = digests;
        this.products = products;
        this.inProgress = inProgress;
        this.request = request;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    @Operation(summary = "What moved, shipped, changed status or priority (and why) from since (default: a week ago) to until (default: now); JSON, or Markdown with Accept: text/markdown or ?format=markdown; 429 while the caller already has 2 digests being computed")
    @APIResponseSchema(value = Digest.class, responseCode = "200", responseDescription = "The digest")
    public Response digest(@PathParam("productId") UUID productId, @QueryParam("since") String since,
                           @QueryParam("until") String until, @HeaderParam("Accept") String accept,
                           @QueryParam("format") String format) {
        Instant to = until == null ? Instant.now() : QueryParams.instant("until", until);
        Instant from = since == null ? to.minus(WEEK) : QueryParams.instant("since", since);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("since", "must be before until (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw ProblemException.badRequest("since", "a digest covers at most 366 days");
        }
        Digest digest;
        try (DigestsInProgress.Slot slot = inProgress.start(request.actor())) {
            products.require(productId);
            digest = digests.of(productId, from, to);
        }
        boolean markdown = format != null ? format.strip().equalsIgnoreCase("markdown")
                : accept != null && accept.contains(MARKDOWN) && !accept.contains(MediaType.APPLICATION_JSON);
        return markdown ? Response.ok(digest.markdown(), MARKDOWN + "; charset=utf-8").build()
                : Response.ok(digest, MediaType.APPLICATION_JSON).build();
    }
}
