package dev.northstar.backlog.api;

import dev.northstar.backlog.api.BacklogDtos.PinView;
import dev.northstar.backlog.api.BacklogDtos.PinnedItemView;
import dev.northstar.backlog.api.BacklogDtos.PinsView;
import dev.northstar.backlog.readmodel.BacklogQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The product owner's pins, and how far each holds its item from where the score alone would put it today. */
@Path("/api/v1/products/{productId}/backlog/pins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backlog")
public class BacklogPinsResource {
    private final BacklogQueries queries;

    public BacklogPinsResource(BacklogQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The pinned items in backlog order, each with its rank and the rank its score alone would give it now "
            + "(a roadmap change or demand that moved the score shows as a difference between the two)")
    public PinsView pins(@PathParam("productId") UUID productId) {
        return new PinsView(queries.pins(productId).stream().map(pinned -> {
            var item = pinned.item().item();
            int rank = pinned.item().rank();
            return new PinnedItemView(item.id(), item.title(), item.priority().score(), rank, pinned.scoreRank(),
                    pinned.scoreRank() - rank, PinView.of(item.pin()));
        }).toList());
    }
}
