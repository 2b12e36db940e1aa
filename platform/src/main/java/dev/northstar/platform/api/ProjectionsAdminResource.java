package dev.northstar.platform.api;

import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.Projection;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Rebuilds a read model by replaying the event store: the same events give the same rows. */
@Path("/api/v1/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionsAdminResource {
    private static final int STREAMS_PER_BATCH = 500;

    private final Instance<Projection> projections;
    private final EventStore store;

    public ProjectionsAdminResource(Instance<Projection> projections, EventStore store) {
        this.projections = projections;
        this.store = store;
    }

    public record ProjectionInfo(String name, String streamType) {
    }

    public record RebuildResult(String projection, long eventsReplayed) {
    }

    @GET
    public List<ProjectionInfo> list() {
        return projections.stream().map(p -> new ProjectionInfo(p.name(), p.streamType())).toList();
    }

    /** Runs in one transaction: readers see the old rows until the new ones commit. */
    @POST
    @Path("/{name}/rebuild")
    @Transactional
    public RebuildResult rebuild(@PathParam("name") String name) {
        Projection projection = projections.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("projection " + name));
        projection.reset();
        long replayed = store.replayStreams(projection.streamType(), STREAMS_PER_BATCH, projection::applyStreams);
        return new RebuildResult(name, replayed);
    }
}
