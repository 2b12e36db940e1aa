package dev.northstar.feedback.api;

import dev.northstar.platform.api.AdminPaths;
import jakarta.ws.rs.Path;

/** This service's operator endpoints (consumers, parked outbox rows, projections) under a path of its own. */
@Path("/api/v1/admin/feedback")
public class FeedbackAdminPaths extends AdminPaths {
}
