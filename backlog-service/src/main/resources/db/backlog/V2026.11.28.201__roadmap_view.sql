-- What backlog-service knows of the roadmap, from northstar.roadmap.events: enough to refuse items of
-- unknown products, validate initiative links and compute the roadmap part of priority.
CREATE TABLE roadmap_products (
    product_id UUID PRIMARY KEY,
    name       TEXT NOT NULL
);

CREATE TABLE roadmap_themes (
    theme_id   UUID PRIMARY KEY,
    product_id UUID          NOT NULL,
    name       TEXT          NOT NULL,
    weight     NUMERIC(6, 2) NOT NULL,
    retired    BOOLEAN       NOT NULL DEFAULT false
);

CREATE TABLE roadmap_initiatives (
    initiative_id UUID PRIMARY KEY,
    product_id    UUID NOT NULL,
    theme_id      UUID NOT NULL,
    title         TEXT NOT NULL,
    horizon       TEXT NOT NULL,
    status        TEXT NOT NULL
);
CREATE INDEX roadmap_initiatives_by_theme ON roadmap_initiatives (theme_id);
