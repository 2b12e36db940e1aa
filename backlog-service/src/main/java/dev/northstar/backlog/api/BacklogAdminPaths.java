package dev.northstar.backlog.api;

import dev.northstar.platform.api.AdminPaths;
import jakarta.ws.rs.Path;

/** This service's operator endpoints (consumers, parked outbox rows, projections) under a path of its own. */
@Path("/api/v1/admin/backlog")
public class BacklogAdminPaths extends AdminPaths {
}
