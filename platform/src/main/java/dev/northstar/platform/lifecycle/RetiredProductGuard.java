package dev.northstar.platform.lifecycle;

import dev.northstar.platform.api.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * Every write to a retired product (any method but GET, HEAD and OPTIONS on a resource with a {@code productId} path
 * parameter) is answered 409 {@code product-retired}, naming the stage, in every service; reads go on, and so do the
 * writes that take data or access away ({@link AllowedWhenRetired}). Runs after
 * authorization, so a caller who may not see the product still gets 404.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class RetiredProductGuard implements ContainerRequestFilter {
    @Inject
    ProductStages stages;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class) || method.isAnnotationPresent(AllowedWhenRetired.class)) {
            return;
        }
        String product = request.getUriInfo().getPathParameters().getFirst("productId");
        if (product == null) {
            return;
        }
        UUID productId;
        try {
            productId = UUID.fromString(product);
        } catch (IllegalArgumentException notAnId) {
            return;   // the resource answers a malformed id itself
        }
        if (stages.isRetired(productId)) {
            request.abortWith(Problem.of(409, "product-retired", "Product retired",
                            "product " + productId + " is RETIRED: its data stays readable, but it takes no more changes")
                    .with(Map.of("stage", ProductStages.RETIRED)).at(request.getUriInfo().getPath()).toResponse());
        }
    }
}
