package dev.northstar.platform.api;

import dev.northstar.platform.privacy.MasterKeyRotation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * The customer-data master keys of a service that keeps values under them (feedback-service, integrations-service):
 * what is still under an old key, and re-wrapping it under the current one. Such a service names the path in a
 * subclass, {@code /api/v1/admin/<area>/master-keys}, beside its other operator endpoints (see {@link AdminPaths}).
 */
public abstract class MasterKeysAdminResource {
    @Inject
    MasterKeyRotation rotation;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The current master key's id, the previous ones configured and how many stored values are still "
            + "under each old key; remainingTotal 0 on feedback-service and integrations-service: the previous keys may go")
    public MasterKeyRotation.Status status() {
        return rotation.status();
    }

    @POST
    @Path("/rewrap")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-wraps every stored value that is not under the current master key, in the background, as "
            + "each start does; answers 202 with the run (GET shows how it went)")
    @APIResponseSchema(value = MasterKeyRotation.Run.class, responseCode = "202", responseDescription = "The run, started or already running")
    public Response rewrap() {
        return Response.accepted(rotation.start()).build();
    }
}
