-- Who a share link is for: PUBLIC links (and those made before audiences existed) open the public view only.
ALTER TABLE share_links ADD COLUMN audience TEXT NOT NULL DEFAULT 'PUBLIC';
