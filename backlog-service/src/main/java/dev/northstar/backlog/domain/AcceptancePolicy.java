package dev.northstar.backlog.domain;

/** A product's rule for accepting work: whether whoever finished an item may also accept it (not by default). */
public record AcceptancePolicy(boolean allowSelfAcceptance) {
    public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(false);
}
