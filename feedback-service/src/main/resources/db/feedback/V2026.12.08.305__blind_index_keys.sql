-- The keys of the blind indexes (customer_keys.lookup, the accountRef that events publish), one per purpose, sealed
-- under the master key (mk1:<key id>:...). They are derived from the master key once (from the one that wrapped the
-- existing customer keys) and kept, so that a rotation of the master key changes no lookup and no published account
-- ref; a one-way derivative, so holding one reveals no master key. A rotation re-seals them.
CREATE TABLE blind_index_keys (
    purpose TEXT PRIMARY KEY,
    sealed  TEXT NOT NULL
);
