package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.Reordering;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.backlog.readmodel.BacklogPosition;
import dev.northstar.backlog.readmodel.BacklogQueries;
import dev.northstar.backlog.readmodel.ItemSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The ranking another scoring model would give a backlog, now or as it was at a past instant, computed from the items'
 * folded states without recording anything. Pins hold their places, as they would under a real change of model.
 */
@ApplicationScoped
public class WhatIf {
    private final BacklogQueries queries;

    public WhatIf(BacklogQueries queries) {
        this.queries = queries;
    }

    /** An open item under both models: its rank and score now (or at asOf), and under the other model. */
    public record Ranked(BacklogItem item, int oldRank, BigDecimal oldScore, int newRank, BigDecimal newScore, List<String> missing) {
    }

    /** Every open item, in the order the other model would give. */
    public List<Ranked> rank(UUID productId, ScoringModel model, Instant asOf) {
        ScoringModel candidate = model.validated();
        List<ItemSnapshot> open = asOf == null ? queries.openItemsInOrder(productId)
                : queries.rankedAsOf(productId, asOf).stream().filter(item -> item.rank() != null).toList();
        record Candidate(ItemSnapshot snapshot, BigDecimal sortKey) {
        }
        Map<UUID, BigDecimal> keys = Reordering.underModel(open.stream().map(ItemSnapshot::item).toList(), candidate);
        List<Candidate> reordered = open.stream().map(item -> new Candidate(item, keys.get(item.item().id())))
                .sorted(Comparator.comparing(Candidate::sortKey, Comparator.reverseOrder())
                        .thenComparing(c -> c.snapshot().createdAt())
                        .thenComparing(c -> c.snapshot().item().id(), BacklogPosition.ID_ORDER))
                .toList();
        return IntStream.range(0, reordered.size()).mapToObj(i -> {
            ItemSnapshot snapshot = reordered.get(i).snapshot();
            var under = snapshot.item().priorityWith(candidate);
            return new Ranked(snapshot.item(), snapshot.rank(), snapshot.item().priority().score(), i + 1, under.score(), under.missing());
        }).toList();
    }
}
