package dev.northstar.analytics.api;

import dev.northstar.analytics.readmodel.ReleaseNotes;
import dev.northstar.analytics.readmodel.ReleaseNotes.Notes;
import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.text.Xml;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/products/{productId}")
@Tag(name = "Release notes and changelog", description = "What each shipped release brought (its initiatives and their accepted backlog items), as JSON or Markdown, and the product's changelog as JSON or Atom")
public class ReleaseNotesResource {
    static final String MARKDOWN = "text/markdown";
    static final String ATOM = "application/atom+xml";

    private final ReleaseNotes notes;

    public ReleaseNotesResource(ReleaseNotes notes) {
        this.notes = notes;
    }

    @GET
    @Path("/releases/{releaseId}/notes")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    @Operation(summary = "The notes of a shipped release: JSON, or Markdown with Accept: text/markdown (or ?format=markdown); 409 before it ships")
    public Response notes(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId,
                          @HeaderParam("Accept") String accept, @QueryParam("format") String format) {
        Notes release = notes.of(productId, releaseId).orElseThrow(() -> ProblemException.notFound("release " + releaseId));
        if (release.shippedAt() == null) {
            throw new ProblemException(Problem.of(409, "not-shipped", "Not shipped",
                    "release " + release.name() + " has not shipped yet: its notes are written when it does"));
        }
        return wants(MARKDOWN, "markdown", accept, format)
                ? Response.ok(release.markdown(), MARKDOWN + "; charset=utf-8").build()
                : Response.ok(release, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/changelog")
    @Produces({MediaType.APPLICATION_JSON, ATOM})
    @Operation(summary = "The product's shipped releases with their notes, newest first: JSON, or an Atom feed with Accept: application/atom+xml (or ?format=atom)")
    public Response changelog(@PathParam("productId") UUID productId, @HeaderParam("Accept") String accept,
                              @QueryParam("format") String format, @QueryParam("limit") String limit) {
        List<Notes> releases = notes.changelog(productId, QueryParams.limit(limit, 20, 100));
        return wants(ATOM, "atom", accept, format)
                ? Response.ok(atom(productId, releases), ATOM + "; charset=utf-8").build()
                : Response.ok(releases, MediaType.APPLICATION_JSON).build();
    }

    private static boolean wants(String type, String formatName, String accept, String format) {
        if (format != null) {
            return format.strip().equalsIgnoreCase(formatName);
        }
        return accept != null && accept.contains(type) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    static String atom(UUID productId, List<Notes> releases) {
        Instant updated = releases.isEmpty() ? Instant.EPOCH : releases.getFirst().shippedAt();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>urn:northstar:product:").append(productId).append(":changelog</id>\n")
                .append("  <title>Changelog</title>\n")
                .append("  <updated>").append(updated).append("</updated>\n")
                .append("  <author><name>Northstar</name></author>\n");
        for (Notes release : releases) {
            xml.append("  <entry>\n")
                    .append("    <id>urn:northstar:release:").append(release.releaseId()).append("</id>\n")
                    .append("    <title>").append(Xml.text(release.name())).append("</title>\n")
                    .append("    <updated>").append(release.shippedAt()).append("</updated>\n")
                    .append("    <content type=\"text\">").append(Xml.text(release.markdown())).append("</content>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }
}
