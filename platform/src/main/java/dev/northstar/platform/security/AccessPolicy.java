package dev.northstar.platform.security;

import dev.northstar.contracts.Roles;
import dev.northstar.platform.api.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call what, in one place for every service:
 * <ul>
 *   <li>every {@code /api/} call needs a valid bearer token (401 otherwise);</li>
 *   <li>a product's data is only visible to tokens whose products claim names it: anything else is answered
 *       as if the product did not exist (404), for reads, writes and streams alike;</li>
 *   <li>reads need one of {@link Roles#READERS}, writes the service's writer roles
 *       ({@code northstar.security.writer-roles}), {@code /api/v1/admin/} the admin role (403 otherwise);</li>
 *   <li>creating a product needs a token for all products.</li>
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessPolicy implements ContainerRequestFilter {
    private static final Pattern PRODUCT_PATH = Pattern.compile("^/api/v1/products/([^/]+)");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;
    @Inject
    ProductScope scope;
    @ConfigProperty(name = "northstar.security.writer-roles")
    List<String> writerRoles;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        if (identity.isAnonymous()) {
            request.abortWith(Response.fromResponse(Problem.of(401, "unauthorized", "Unauthorized",
                            "a bearer token is required (Authorization: Bearer <token>)").at(path).toResponse())
                    .header("WWW-Authenticate", "Bearer").build());
            return;
        }
        Matcher product = PRODUCT_PATH.matcher(path);
        if (product.find() && !scope.allows(product.group(1))) {
            request.abortWith(Problem.of(404, "not-found", "Not found", "product " + product.group(1) + " does not exist")
                    .at(path).toResponse());
            return;
        }
        Set<String> needed = path.startsWith("/api/v1/admin/") ? Set.of(Roles.ADMIN)
                : READ_METHODS.contains(request.getMethod()) ? Roles.READERS
                : Set.copyOf(writerRoles);
        if (needed.stream().noneMatch(identity::hasRole)) {
            forbid(request, path, "this needs one of the roles " + new TreeSet<>(needed));
            return;
        }
        if (path.equals("/api/v1/products") && request.getMethod().equals("POST") && !scope.allowsAll()) {
            forbid(request, path, "creating a product needs a token for all products (products claim \"*\")");
        }
    }

    private static void forbid(ContainerRequestContext request, String path, String detail) {
        request.abortWith(Problem.of(403, "forbidden", "Forbidden", detail).at(path).toResponse());
    }
}
