-- roadmap- and analytics-service ask whether a share link still opens, by its token's hash, before they serve it.
CREATE INDEX share_link_states_by_token ON aggregate_states ((state ->> 'tokenSha256')) WHERE stream_type = 'share-link';
