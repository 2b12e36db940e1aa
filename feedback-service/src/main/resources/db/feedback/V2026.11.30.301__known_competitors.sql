-- The competitors of each product as the roadmap announced them, with the keywords feedback mentions them by.
CREATE TABLE known_competitors (
    competitor_id uuid PRIMARY KEY,
    product_id    uuid   NOT NULL,
    name          text   NOT NULL,
    keywords      text[] NOT NULL
);
CREATE INDEX known_competitors_product ON known_competitors (product_id);
