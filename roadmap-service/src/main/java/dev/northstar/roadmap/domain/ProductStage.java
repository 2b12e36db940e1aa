package dev.northstar.roadmap.domain;

/**
 * Where a product is in its life cycle. A product may move to any stage but from RETIRED: a retired product is read-only
 * in every service (its data and metrics stay readable) and leaves the default product list.
 */
public enum ProductStage {
    IDEATION, DISCOVERY, GROWTH, MATURITY, DECLINE, RETIRED
}
