package dev.northstar.contracts;

import java.util.Set;

/**
 * What a bearer token says about its holder, as every service reads it: the roles a token carries in its {@code groups} claim (or the claim {@code smallrye.jwt.path.groups} points to,
 * such as Keycloak's {@code realm_access/roles}).
 */
public final class Roles {
    /** Writes the roadmap: products, themes, initiatives, releases. */
    public static final String PRODUCT_MANAGER = "product-manager";
    /** Writes the backlog and accepts or rejects finished work. */
    public static final String PRODUCT_OWNER = "product-owner";
    /** Moves backlog work (start, pause, finish) but neither accepts nor rejects it. */
    public static final String TEAM_MEMBER = "team-member";
    /** Writes feedback: support and survey tools, customer-facing staff. */
    public static final String CONTRIBUTOR = "contributor";
    /** Reads everything of its products, including the metric streams. */
    public static final String VIEWER = "viewer";
    /**
     * Operates the services: dead letters, parked outbox rows, rebuilds and replays, with a token for all products; reads
     * no product data, keeps no webhook or share link.
     */
    public static final String ADMIN = "admin";
    /** Erases a customer's data on request (crypto-shredding); reads nothing by itself. */
    public static final String PRIVACY_OFFICER = "privacy-officer";

    /** Every role that works with product data may read it. */
    public static final Set<String> READERS = Set.of(VIEWER, PRODUCT_MANAGER, PRODUCT_OWNER, TEAM_MEMBER, CONTRIBUTOR);
    public static final Set<String> ALL = Set.of(PRODUCT_MANAGER, PRODUCT_OWNER, TEAM_MEMBER, CONTRIBUTOR, VIEWER, ADMIN,
            PRIVACY_OFFICER);

    /** The value of the products claim that grants every product (needed to create products). */
    public static final String EVERY_PRODUCT = "*";

    private Roles() {
    }
}
