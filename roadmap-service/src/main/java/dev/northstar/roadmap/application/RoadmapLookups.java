package dev.northstar.roadmap.application;

import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.Objective;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.Theme;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The checks commands make on aggregates they refer to but do not change: they exist and are the product's. */
@ApplicationScoped
public class RoadmapLookups {
    private final AggregateStates states;
    private final Sql sql;

    public RoadmapLookups(AggregateStates states, Sql sql) {
        this.states = states;
        this.sql = sql;
    }

    /**
     * Serializes, per product, the commands that check a rule across aggregates (one north star, a keyword for one
     * competitor): the lock is held until the caller's transaction ends.
     */
    public void lock(String rule, UUID productId) {
        sql.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "northstar." + rule + ":" + productId);
    }

    public void requireProduct(UUID productId) {
        if (states.find(RoadmapRepositories.PRODUCT, productId, Product.class).isEmpty()) {
            throw ProblemException.notFound("product " + productId);
        }
    }

    /** The product's theme; 422 naming {@code themeId} otherwise. */
    public Theme theme(UUID productId, UUID themeId) {
        return states.find(RoadmapRepositories.THEME, themeId, Theme.class)
                .map(Versioned::state)
                .filter(theme -> theme.productId().equals(productId))
                .orElseThrow(() -> ProblemException.unprocessable("themeId", "theme " + themeId + " is not a theme of this product"));
    }

    /** The product's initiative; 422 naming {@code initiativeId} otherwise. */
    public Initiative initiative(UUID productId, UUID initiativeId) {
        return states.find(RoadmapRepositories.INITIATIVE, initiativeId, Initiative.class)
                .map(Versioned::state)
                .filter(initiative -> initiative.productId().equals(productId))
                .orElseThrow(() -> ProblemException.unprocessable("initiativeId",
                        "initiative " + initiativeId + " is not an initiative of this product"));
    }

    /** The product's key result exists; 422 naming {@code keyResultId} otherwise. */
    public void requireKeyResult(UUID productId, UUID keyResultId) {
        boolean known = states.ofProduct(RoadmapRepositories.OBJECTIVE, productId, Objective.class).stream()
                .anyMatch(objective -> objective.state().hasKeyResult(keyResultId));
        if (!known) {
            throw ProblemException.unprocessable("keyResultId", "key result " + keyResultId + " is not a key result of this product");
        }
    }
}
