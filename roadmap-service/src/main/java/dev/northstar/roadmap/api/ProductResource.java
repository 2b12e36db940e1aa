package dev.northstar.roadmap.api;

import dev.northstar.platform.api.EventHistory;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.security.NeedsAllProducts;
import dev.northstar.platform.security.ProductScope;
import dev.northstar.roadmap.api.RoadmapDtos.AddThemeRequest;
import dev.northstar.roadmap.api.RoadmapDtos.CreateProductRequest;
import dev.northstar.roadmap.api.RoadmapDtos.ProductPage;
import dev.northstar.roadmap.api.RoadmapDtos.ProductView;
import dev.northstar.roadmap.api.RoadmapDtos.StageRequest;
import dev.northstar.roadmap.api.RoadmapDtos.ThemeView;
import dev.northstar.roadmap.api.RoadmapDtos.UpdateProductRequest;
import dev.northstar.roadmap.api.RoadmapDtos.WeightRequest;
import dev.northstar.roadmap.application.RoadmapCommands;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.Product;
import dev.northstar.roadmap.domain.ProductStage;
import dev.northstar.roadmap.domain.Theme;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.UUID;

@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products and themes", description = "Products with their vision, strategy and north-star metric, and the weighted themes of their roadmap")
public class ProductResource {
    private final RoadmapCommands commands;
    private final AggregateStates states;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;
    private final ProductScope scope;
    private final EventHistory history;

    public ProductResource(RoadmapCommands commands, AggregateStates states, RequestMetadata request,
                           IdempotencyKeys idempotency, ProductScope scope, EventHistory history) {
        this.history = history;
        this.commands = commands;
        this.states = states;
        this.request = request;
        this.idempotency = idempotency;
        this.scope = scope;
    }

    @POST
    @NeedsAllProducts
    @Operation(summary = "Create a product: name, vision, strategy, north-star metric")
    @APIResponseSchema(value = ProductView.class, responseCode = "201", responseDescription = "The product, with its version in ETag and its address in Location")
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull CreateProductRequest body) {
        return idempotency.create("products", key, body, () -> {
            ProductView view = view(commands.createProduct(body.name(), body.vision(), body.strategy(), body.northStarMetric(),
                    request.newEventMetadata()));
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + view.id()), Versions.etag(view.version()), view);
        });
    }

    @GET
    @Operation(summary = "The products the caller's token may see, oldest first; retired ones only with stage=RETIRED (or stage=ALL)")
    public ProductPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                            @QueryParam("stage") String stage) {
        int size = QueryParams.limit(limit, 50, 200);
        UUID after = QueryParams.uuid("cursor", cursor);
        Predicate<ProductView> shown = shownAt(stage);
        if (!scope.allowsAll()) {
            // a token names a handful of products: read those, no paging needed
            return new ProductPage(scope.named().stream()
                    .flatMap(id -> states.find(RoadmapRepositories.PRODUCT, id, Product.class).stream())
                    .map(ProductResource::view)
                    .filter(shown)
                    .sorted(Comparator.comparing(ProductView::createdAt).thenComparing(ProductView::id))
                    .toList(), null);
        }
        // pages of the filtered list: read on past the products the filter leaves out until a page is full
        List<ProductView> page = new ArrayList<>();
        UUID readAfter = after;
        while (page.size() <= size) {
            List<Versioned<Product>> read = states.all(RoadmapRepositories.PRODUCT, Product.class, readAfter, size + 1);
            read.stream().map(ProductResource::view).filter(shown).forEach(page::add);
            if (read.size() <= size) {
                break;
            }
            readAfter = read.getLast().state().id();
        }
        return page.size() > size
                ? new ProductPage(page.subList(0, size), page.get(size - 1).id().toString())
                : new ProductPage(page, null);
    }

    /** No stage: every product but the retired ones; ALL: every product; a stage: the products in it. */
    private static Predicate<ProductView> shownAt(String stage) {
        if (stage == null || stage.isBlank()) {
            return product -> product.stage() != ProductStage.RETIRED;
        }
        if (stage.strip().equalsIgnoreCase("ALL")) {
            return product -> true;
        }
        try {
            ProductStage wanted = ProductStage.valueOf(stage.strip().toUpperCase());
            return product -> product.stage() == wanted;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("stage", "must be ALL or one of " + Arrays.toString(ProductStage.values()));
        }
    }

    @GET
    @Path("/{productId}")
    @APIResponseSchema(value = ProductView.class, responseCode = "200", responseDescription = "The product, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId) {
        ProductView view = states.find(RoadmapRepositories.PRODUCT, productId, Product.class).map(ProductResource::view)
                .orElseThrow(() -> ProblemException.notFound("product " + productId));
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @PATCH
    @Path("/{productId}")
    @Operation(summary = "Change name, vision, strategy or north-star metric; omitted fields stay")
    @APIResponseSchema(value = ProductView.class, responseCode = "200", responseDescription = "The product as it is now, with its new version in ETag")
    public Response update(@PathParam("productId") UUID productId, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateProductRequest body) {
        ProductView view = view(commands.updateProduct(productId, ifMatch, request.newEventMetadata(),
                p -> p.update(body.name(), body.vision(), body.strategy(), body.northStarMetric())));
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @PUT
    @Path("/{productId}/stage")
    @Operation(summary = "Move the product to a life-cycle stage, with the reason; RETIRED makes it read-only in every service")
    @APIResponseSchema(value = ProductView.class, responseCode = "200", responseDescription = "The product as it is now, with its new version in ETag")
    public Response changeStage(@PathParam("productId") UUID productId, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull StageRequest body) {
        ProductView view = view(commands.changeStage(productId, body.stage(), body.reason(), ifMatch, request.newEventMetadata()));
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @GET
    @Path("/{productId}/stage/history")
    @Operation(summary = "The product's stage changes, oldest first, with actor, time and reason")
    public List<EventHistory.Entry> stageHistory(@PathParam("productId") UUID productId) {
        return history.of(productId, productId, "product").stream()
                .filter(entry -> entry.type().equals("ProductStageChanged")).toList();
    }

    @POST
    @Path("/{productId}/themes")
    @Operation(summary = "Add a strategic theme with a weight (0.1 to 10, default 1)")
    @APIResponseSchema(value = ThemeView.class, responseCode = "201", responseDescription = "The theme, with its version in ETag and its address in Location")
    public Response addTheme(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                             @Valid @NotNull AddThemeRequest body) {
        return idempotency.create("themes:" + productId, key, body, () -> {
            ThemeView view = themeView(commands.addTheme(productId, body.name(), body.description(), body.weight(),
                    request.newEventMetadata()));
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + productId + "/themes/" + view.id()),
                    Versions.etag(view.version()), view);
        });
    }

    @GET
    @Path("/{productId}/themes")
    public List<ThemeView> themes(@PathParam("productId") UUID productId) {
        return states.ofProduct(RoadmapRepositories.THEME, productId, Theme.class).stream().map(ProductResource::themeView).toList();
    }

    @GET
    @Path("/{productId}/themes/{themeId}")
    @APIResponseSchema(value = ThemeView.class, responseCode = "200", responseDescription = "The theme, with its version in ETag")
    public Response theme(@PathParam("productId") UUID productId, @PathParam("themeId") UUID themeId) {
        ThemeView view = states.find(RoadmapRepositories.THEME, themeId, Theme.class)
                .filter(t -> t.state().productId().equals(productId)).map(ProductResource::themeView)
                .orElseThrow(() -> ProblemException.notFound("theme " + themeId));
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    @PUT
    @Path("/{productId}/themes/{themeId}/weight")
    @Operation(summary = "Change a theme's weight; backlog items serving it are reprioritized")
    @APIResponseSchema(value = ThemeView.class, responseCode = "200", responseDescription = "The theme as it is now, with its new version in ETag")
    public Response reweight(@PathParam("productId") UUID productId, @PathParam("themeId") UUID themeId,
                             @HeaderParam("If-Match") String ifMatch, @Valid @NotNull WeightRequest body) {
        return theme(commands.updateTheme(productId, themeId, ifMatch, request.newEventMetadata(), t -> t.reweight(body.weight())));
    }

    @POST
    @Path("/{productId}/themes/{themeId}/retire")
    @Operation(summary = "Retire a theme: no new initiatives can serve it")
    @APIResponseSchema(value = ThemeView.class, responseCode = "200", responseDescription = "The theme as it is now, with its new version in ETag")
    public Response retire(@PathParam("productId") UUID productId, @PathParam("themeId") UUID themeId,
                           @HeaderParam("If-Match") String ifMatch) {
        return theme(commands.updateTheme(productId, themeId, ifMatch, request.newEventMetadata(), Theme::retire));
    }

    private static Response theme(Versioned<Theme> theme) {
        ThemeView view = themeView(theme);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    static ProductView view(Versioned<Product> p) {
        Product s = p.state();
        return new ProductView(s.id(), s.name(), s.vision(), s.strategy(), s.northStarMetric(), s.stage(), s.stageReason(),
                p.version(), p.createdAt(), p.updatedAt());
    }

    static ThemeView themeView(Versioned<Theme> t) {
        Theme s = t.state();
        return new ThemeView(s.id(), s.productId(), s.name(), s.description(), s.weight(), s.retired(), t.version(),
                t.createdAt(), t.updatedAt());
    }
}
