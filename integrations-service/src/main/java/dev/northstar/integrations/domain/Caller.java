package dev.northstar.integrations.domain;

import dev.northstar.contracts.Roles;

import java.util.Set;
import java.util.UUID;

/**
 * Who asks, as their credential says: a subject, its roles and the products it may touch ({@code allProducts} for
 * every one). An API key is issued with at most what its issuer holds.
 */
public record Caller(String subject, Set<String> roles, boolean allProducts, Set<UUID> products) {
    public Caller {
        roles = Set.copyOf(roles);
        products = Set.copyOf(products);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean mayTouch(UUID product) {
        return allProducts || products.contains(product);
    }
}
