package dev.northstar.platform.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * The operator's endpoints under a path of the service's own, {@code /api/v1/admin/<area>/…}, so that one front door
 * can route them: every service has consumers, an outbox and projections, and their old paths
 * ({@code /api/v1/admin/consumers}, …) were the same in all five. A service names its area in a subclass's
 * {@code @Path}; the old paths still answer on the service's own port and are marked deprecated in its document.
 */
public abstract class AdminPaths {
    @Inject
    ConsumersAdminResource consumers;
    @Inject
    OutboxAdminResource outbox;
    @Inject
    ProjectionsAdminResource projections;

    @Path("consumers")
    public ConsumersAdminResource consumers() {
        return consumers;
    }

    @Path("outbox/parked")
    public OutboxAdminResource outbox() {
        return outbox;
    }

    @Path("projections")
    public ProjectionsAdminResource projections() {
        return projections;
    }
}
