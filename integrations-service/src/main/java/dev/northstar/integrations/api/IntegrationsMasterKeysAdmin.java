package dev.northstar.integrations.api;

import dev.northstar.platform.api.MasterKeysAdminResource;
import jakarta.ws.rs.Path;

/** The master keys this service keeps values under, beside its other operator endpoints. */
@Path("/api/v1/admin/integrations/master-keys")
public class IntegrationsMasterKeysAdmin extends MasterKeysAdminResource {
}
