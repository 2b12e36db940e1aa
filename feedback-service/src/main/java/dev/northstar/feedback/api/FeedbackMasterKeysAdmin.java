package dev.northstar.feedback.api;

import dev.northstar.platform.api.MasterKeysAdminResource;
import jakarta.ws.rs.Path;

/** The master keys this service keeps values under, beside its other operator endpoints. */
@Path("/api/v1/admin/feedback/master-keys")
public class FeedbackMasterKeysAdmin extends MasterKeysAdminResource {
}
