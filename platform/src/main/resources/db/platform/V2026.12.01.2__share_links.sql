-- Read-only share links of products' roadmaps and dashboards, from integrations-service's events: only the SHA-256
-- of each link's token is kept. Filled in the services that open such links (roadmap, analytics).
CREATE TABLE share_links (
    share_link_id UUID PRIMARY KEY,
    product_id    UUID        NOT NULL,
    scope         TEXT        NOT NULL,
    token_sha256  TEXT        NOT NULL UNIQUE,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ
);
