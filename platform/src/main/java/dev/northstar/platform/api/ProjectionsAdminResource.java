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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        long replayed = replay(projection);
        projection.completeRebuild();
        return new RebuildResult(name, replayed);
    }

    /**
     * Replays with each batch prepared (read, folded, encoded) on a thread of its own while this one, which holds the
     * transaction's connection, writes the batch before and reads the next: the database and the JSON work overlap.
     */
    private long replay(Projection projection) {
        Deque<Future<Projection.RebuildBatch>> prepared = new ArrayDeque<>();
        try (ExecutorService preparing = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("rebuild-" + projection.name()).daemon().factory())) {
            long replayed = store.replayStreams(projection.streamType(), STREAMS_PER_BATCH, streams -> {
                prepared.add(preparing.submit(() -> projection.prepareStreams(streams)));
                if (prepared.size() > 1) {
                    writeNext(prepared);
                }
            });
            while (!prepared.isEmpty()) {
                writeNext(prepared);
            }
            return replayed;
        }
    }

    private static void writeNext(Deque<Future<Projection.RebuildBatch>> prepared) {
        try {
            prepared.removeFirst().get().write();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }
}
