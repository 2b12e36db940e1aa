package dev.northstar.platform.security;

import dev.northstar.contracts.Roles;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The products the caller's token may touch, from its products claim: a list of product ids, or {@code "*"} for
 * every product (an organisation-wide token, needed to create products).
 */
@RequestScoped
public class ProductScope {
    private final Set<String> products;

    public ProductScope(JsonWebToken token, @ConfigProperty(name = "northstar.security.products-claim") String claim) {
        this.products = token.getRawToken() == null ? Set.of() : claimValues(token.getClaim(claim));
    }

    public boolean allowsAll() {
        return products.contains(Roles.EVERY_PRODUCT);
    }

    public boolean allows(String productId) {
        return allowsAll() || products.contains(productId);
    }

    public boolean allows(UUID productId) {
        return allows(productId.toString());
    }

    /** The product ids the token names, for listings; empty when it allows all. */
    public Set<UUID> named() {
        return products.stream().filter(p -> !p.equals(Roles.EVERY_PRODUCT)).flatMap(ProductScope::uuid)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static java.util.stream.Stream<UUID> uuid(String value) {
        try {
            return java.util.stream.Stream.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return java.util.stream.Stream.empty();
        }
    }

    private static Set<String> claimValues(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString())
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Object::toString).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof jakarta.json.JsonString s) {
            return Set.of(s.getString().split("[ ,]+"));
        }
        return Set.of(claim.toString().split("[ ,]+"));
    }
}
