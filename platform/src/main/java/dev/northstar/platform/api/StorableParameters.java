package dev.northstar.platform.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * The rule {@link StorableInput} holds request bodies to, for the path and query parameters of every request: a
 * control character, noncharacter or unpaired surrogate in one (a {@code %00}, say) is a 400 naming the parameter,
 * instead of reaching PostgreSQL, which refuses NUL in text and would answer a 500. Runs after {@code AccessPolicy}, so that a caller without a token
 * still hears 401 and one without the product 404.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 1)
public class StorableParameters implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String[] refused = refused("path parameter", request.getUriInfo().getPathParameters());
        if (refused == null) {
            refused = refused("query parameter", request.getUriInfo().getQueryParameters());
        }
        if (refused != null) {
            request.abortWith(ProblemException.badRequest(refused[0], refused[1]).problem()
                    .at(request.getUriInfo().getPath()).toResponse());
        }
    }

    /** The first parameter whose name or a value holds a character no service could store, and why; or null. */
    private static String[] refused(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String why = StorableInput.unstorableCharacterIn(parameter.getKey());
            if (why != null) {
                return new String[]{kind, why};
            }
            for (String value : parameter.getValue()) {
                why = value == null ? null : StorableInput.unstorableCharacterIn(value);
                if (why != null) {
                    return new String[]{parameter.getKey(), why};
                }
            }
        }
        return null;
    }
}
