package dev.northstar.platform.api;

import dev.northstar.platform.consistency.WritePositions;
import dev.northstar.platform.security.AccessPolicy;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every service's OpenAPI document says about its {@code /api} operations beyond what the resources declare:
 * the bearer token they need, an {@code operationId} for generated clients, the problem responses the platform
 * itself gives (401 and 403 everywhere, 404 under a path parameter, 400 and 413 with input, 409 on every write, 412
 * and 428 with {@code If-Match}, 422 with an {@code Idempotency-Key} or a body that names another resource by id,
 * 503 when {@code Northstar-After} is not caught up with), {@code Northstar-Position} on every write's success,
 * the {@code Problem} schema on every 4xx a resource declares itself, and a server.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {
    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String JSON_NODE = "JsonNode";

    /** The operator's paths that every service had alike, before each had its own (AdminPaths). */
    private static final List<String> OLD_ADMIN_PATHS = List.of("/api/v1/admin/consumers", "/api/v1/admin/outbox/",
            "/api/v1/admin/projections");

    private static final Pattern AREA_ADMIN_PATH = Pattern.compile("/api/v1/admin/([a-z]+)/(consumers|outbox/|projections)");

    private static final Map<String, String> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("400", "The request is malformed or a field is invalid (`errors` names the fields)");
        PROBLEMS.put("401", "No token, or a bad, expired or foreign one");
        PROBLEMS.put("403", "The token lacks the role this operation needs");
        PROBLEMS.put("404", "No such resource, or a product the token may not see");
        PROBLEMS.put("409", "Someone changed the resource since it was read (reload and retry), or its state does not "
                + "allow this (`detail` says which)");
        PROBLEMS.put("412", "`If-Match` names a version that is no longer the current one");
        PROBLEMS.put("413", "The request body is larger than this service accepts");
        PROBLEMS.put("422", "The `Idempotency-Key` was used before with another request, or the body names something "
                + "(a theme, initiative, item) this service does not know in this product");
        PROBLEMS.put("428", "`If-Match` is required and missing");
        PROBLEMS.put("503", "`Northstar-After` names a position this service has not applied within the bound "
                + "(`northstar.consistency.wait`, 5 s): `consumer`, `behind` and `lag` say which consumer is behind and by "
                + "how much; ask again after `Retry-After`");
    }

    /**
     * A Jackson {@code JsonNode} (an event's payload in a history, a metric on the stream) is any JSON object, not the
     * Java class's getters that the scanner makes of it (a generated client would get a model named JsonNode).
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getRef() != null && schema.getRef().endsWith("/" + JSON_NODE)) {
            return OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(true)
                    .description(schema.getDescription());
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() != null) {
            components.removeSchema(JSON_NODE);
            components.removeSchema(JSON_NODE + "Type");
        }
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("A token of the issuer the service trusts; roles in `groups`, products in `products`"));
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/").description("this service"));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/") && item.getOperations() != null) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation, schemas));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation, Map<String, Schema> schemas) {
        if (OLD_ADMIN_PATHS.stream().anyMatch(path::startsWith)) {
            // five services claimed these same paths, which no front door can route (see AdminPaths)
            operation.setDeprecated(true);
            operation.setDescription("Deprecated: the same operation is under /api/v1/admin/<service area>/, which the "
                    + "front door routes; this path answers on the service's own port only.");
        }
        Matcher areaAdmin = AREA_ADMIN_PATH.matcher(path);
        if (areaAdmin.lookingAt() && operation.getOperationId() != null) {
            // the same method as the deprecated path's: the area keeps the operationIds apart
            operation.setOperationId(Character.toUpperCase(areaAdmin.group(1).charAt(0)) + areaAdmin.group(1).substring(1)
                    + operation.getOperationId());
        }
        boolean shared = path.startsWith(AccessPolicy.SHARED);
        // a share link's token in the path opens /api/v1/shared/...: no bearer token (an empty requirement says so)
        operation.setSecurity(shared ? List.of() : List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        if (operation.getOperationId() == null) {
            operation.setOperationId(method.name().toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasInput = operation.getRequestBody() != null
                || parameters.stream().anyMatch(parameter -> parameter.getIn() == Parameter.In.QUERY);
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean ifMatch = parameters.stream().anyMatch(parameter -> "If-Match".equalsIgnoreCase(parameter.getName()));
        if (!shared) {
            addProblem(responses, "401");
            addProblem(responses, "403");
        }
        if (path.contains("{")) {
            addProblem(responses, "404");
        }
        if (hasInput) {
            addProblem(responses, "400");
        }
        if (operation.getRequestBody() != null) {
            addProblem(responses, "413");
        }
        if (write) {
            addProblem(responses, "409");
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeader(WritePositions.HEADER, OASFactory.createHeader().schema(OASFactory.createSchema()
                            .addType(SchemaType.STRING)).description("Where this write's events sit (opaque): send it "
                            + "as `Northstar-After` to a read at any service to read what this write caused. Missing "
                            + "when the write changed nothing, or its events could not be published within 2 s"));
                }
            });
        }
        addProblem(responses, "503");
        if (ifMatch) {
            addProblem(responses, "412");
            addProblem(responses, "428");
        }
        boolean idempotencyKey = parameters.stream().anyMatch(parameter -> IdempotencyKeys.HEADER.equalsIgnoreCase(parameter.getName()));
        if (idempotencyKey || namesAnotherResource(operation, schemas)) {
            addProblem(responses, "422");
        }
        // a 4xx the resource declares itself (429, say) gets the problem schema too
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") && response.getContent() == null) {
                response.content(problemContent());
            }
        });
    }

    /** Whether the request body has a field that refers to another resource by its id ({@code themeId}, {@code id}). */
    private static boolean namesAnotherResource(Operation operation, Map<String, Schema> schemas) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return false;
        }
        return operation.getRequestBody().getContent().getMediaTypes().values().stream()
                .map(mediaType -> resolve(mediaType.getSchema(), schemas))
                .filter(schema -> schema != null && schema.getProperties() != null)
                .anyMatch(schema -> schema.getProperties().keySet().stream()
                        .anyMatch(name -> name.equals("id") || name.endsWith("Id")));
    }

    private static Schema resolve(Schema schema, Map<String, Schema> schemas) {
        if (schema != null && schema.getRef() != null) {
            return schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static void addProblem(APIResponses responses, String status) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(PROBLEMS.get(status))
                .content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(SchemaType.OBJECT).addProperty("field", text).addProperty("message", text)));
    }
}
