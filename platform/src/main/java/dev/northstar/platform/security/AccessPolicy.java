package dev.northstar.platform.security;

import dev.northstar.contracts.Roles;
import dev.northstar.platform.api.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call what, in one place for every service, decided on the resource method the request matched (its path
 * template, its {@code productId} path parameter, its HTTP method annotation), never on the raw path, so that trailing
 * or doubled slashes, matrix parameters and percent-encoding reach the same decision as the plain path:
 * <ul>
 *   <li>every call of a resource under {@code /api/} needs a valid bearer token (401 otherwise), but those under
 *       {@code /api/v1/shared/}, which a share link's token in the path opens, read-only;</li>
 *   <li>a product's data is only visible to tokens whose products claim names it: anything else is answered
 *       as if the product did not exist (404), for reads, writes and streams alike;</li>
 *   <li>reads ({@code @GET}) need one of {@link Roles#READERS} (or the roles {@link OnlyReadableBy} names), other methods the service's writer roles
 *       ({@code northstar.security.writer-roles}, plus those a method names in {@link AlsoWritableBy}, or only those it names in {@link OnlyWritableBy}), resources under {@code /api/v1/admin/} the admin role (403
 *       otherwise);</li>
 *   <li>a method marked {@link NeedsAllProducts} (creating a product) and every resource under {@code /api/v1/admin/}
 *       need a token for all products.</li>
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessPolicy implements ContainerRequestFilter {
    private static final String PRODUCT_PARAMETER = "productId";
    /** Read-only share links: no bearer token, the link's own token in the path. */
    public static final String SHARED = "/api/v1/shared/";
    /** The operator's endpoints: the admin role with a token for all products. */
    private static final String ADMIN = "/api/v1/admin/";

    @Inject
    SecurityIdentity identity;
    @Inject
    ProductScope scope;
    @ConfigProperty(name = "northstar.security.writer-roles")
    List<String> writerRoles;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        // no resource method: an automatic OPTIONS answer, which carries no data
        String template = method == null ? "" : template(method);
        // a share link's token, in the path, is the credential of /api/v1/shared/...: its resource opens it (ShareLinks)
        if (!template.startsWith("/api/") || template.startsWith(SHARED)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (identity.isAnonymous()) {
            request.abortWith(Response.fromResponse(Problem.of(401, "unauthorized", "Unauthorized",
                            "a bearer token is required (Authorization: Bearer <token>)").at(path).toResponse())
                    .header("WWW-Authenticate", "Bearer").build());
            return;
        }
        String product = request.getUriInfo().getPathParameters().getFirst(PRODUCT_PARAMETER);
        if (product != null && !scope.allows(product)) {
            request.abortWith(Problem.of(404, "not-found", "Not found", "product " + product + " does not exist")
                    .at(path).toResponse());
            return;
        }
        Set<String> needed = template.startsWith(ADMIN) ? Set.of(Roles.ADMIN)
                : method.isAnnotationPresent(GET.class) ? readers(method)
                : writers(method);
        if (needed.stream().noneMatch(identity::hasRole)) {
            forbid(request, path, "this needs one of the roles " + new TreeSet<>(needed));
            return;
        }
        if (method.isAnnotationPresent(NeedsAllProducts.class) && !scope.allowsAll()) {
            forbid(request, path, "creating a product needs a token for all products (products claim \"*\")");
        } else if (template.startsWith(ADMIN) && !scope.allowsAll()) {
            // an operator's endpoints reach every product's consumers and dead letters: a product-scoped token may not
            forbid(request, path, "the operator's endpoints need a token for all products (products claim \"*\")");
        }
    }

    private Set<String> readers(Method method) {
        OnlyReadableBy only = method.isAnnotationPresent(OnlyReadableBy.class) ? method.getAnnotation(OnlyReadableBy.class)
                : resource.getResourceClass().getAnnotation(OnlyReadableBy.class);
        return only == null ? Roles.READERS : Set.of(only.value());
    }

    private Set<String> writers(Method method) {
        OnlyWritableBy only = method.getAnnotation(OnlyWritableBy.class);
        if (only != null) {
            return Set.of(only.value());
        }
        AlsoWritableBy others = method.getAnnotation(AlsoWritableBy.class);
        if (others == null) {
            return Set.copyOf(writerRoles);
        }
        Set<String> writers = new TreeSet<>(writerRoles);
        writers.addAll(List.of(others.value()));
        return writers;
    }

    /** The matched method's path template: its class's {@code @Path} and its own, joined by one slash. */
    private String template(Method method) {
        Path classPath = resource.getResourceClass().getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        return ("/" + joined).replaceAll("/+", "/");
    }

    private static void forbid(ContainerRequestContext request, String path, String detail) {
        request.abortWith(Problem.of(403, "forbidden", "Forbidden", detail).at(path).toResponse());
    }
}
