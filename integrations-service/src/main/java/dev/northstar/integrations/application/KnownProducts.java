package dev.northstar.integrations.application;

import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The products this service has heard of from roadmap events: webhooks, share links and digests are kept for these. */
@ApplicationScoped
public class KnownProducts {
    private final Sql sql;

    public KnownProducts(Sql sql) {
        this.sql = sql;
    }

    public void learn(UUID productId) {
        sql.update("INSERT INTO known_products (product_id) VALUES (?) ON CONFLICT DO NOTHING", productId);
    }

    /** Answers 404 for a product this service has not heard of. */
    public void require(UUID productId) {
        if (!sql.exists("SELECT 1 FROM known_products WHERE product_id = ?", productId)) {
            throw ProblemException.notFound("product " + productId);
        }
    }
}
