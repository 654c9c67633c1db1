package dev.selfheal.telemetry.evidence.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Reads an OpenAPI 3.x document in JSON or YAML into its operations. The document is first read as a plain tree,
 * which names where JSON or YAML is malformed and checks what makes it an OpenAPI 3 document ({@code openapi},
 * {@code info.title}, {@code info.version}, {@code paths}); SmallRye OpenAPI's model reader (the one Quarkus
 * serves {@code /q/openapi} with) then reads the operations, and parameter {@code $ref}s are resolved against
 * {@code components.parameters}.
 */
final class OpenApiReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String PARAMETER_REF = "#/components/parameters/";

    /** No sources: settings of this application (mp.openapi.*) must not leak into a document read for a client. */
    private static final Config NO_CONFIG = new SmallRyeConfigBuilder().build();

    private OpenApiReader() {
    }

    static ParsedSpec read(byte[] body, SpecFormat format) {
        JsonNode tree = tree(body, format);
        String openapi = check(tree);
        OpenAPI model = model(body);
        JsonNode info = tree.get("info");
        return new ParsedSpec(openapi, info.get("title").asText(), info.get("version").asText(),
                operations(model, tree.path("paths")));
    }

    private static OpenAPI model(byte[] body) {
        try {
            return SmallRyeOpenAPI.builder()
                    .withConfig(NO_CONFIG)
                    .enableModelReader(false)
                    .enableStandardStaticFiles(false)
                    .enableAnnotationScan(false)
                    .enableStandardFilter(false)
                    .withCustomStaticFile(() -> new ByteArrayInputStream(body))
                    .build()
                    .model();
        } catch (RuntimeException e) {
            // The tree was already checked; what the model reader still refuses is a fault of the document.
            throw ProblemException.invalid("body", "could not be read as an OpenAPI document: " + e.getMessage());
        }
    }

    private static JsonNode tree(byte[] body, SpecFormat format) {
        try {
            JsonNode tree = (format == SpecFormat.JSON ? JSON : YAML).readTree(body);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw ProblemException.invalid("body", "holds no " + format + " document");
            }
            return tree;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ProblemException.invalid("body", "is not well-formed " + format + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("body", "could not be read as " + format + ": " + e.getMessage());
        }
    }

    /** Checks the tree is an OpenAPI 3 document and answers its {@code openapi} version; a 400 naming each fault. */
    private static String check(JsonNode tree) {
        if (!tree.isObject()) {
            throw ProblemException.invalid("body", "is not an OpenAPI document: its root is " + kind(tree) + ", not an object");
        }
        if (tree.has("swagger")) {
            throw ProblemException.invalid("swagger", "the body is a Swagger " + tree.get("swagger").asText()
                    + " document; only OpenAPI 3.x is read, convert it first");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode openapi = tree.get("openapi");
        if (openapi == null || !openapi.isTextual()) {
            errors.add(new FieldError("openapi", "is required: an OpenAPI 3 document states its version, e.g. openapi: 3.1.0"));
        } else if (!openapi.asText().startsWith("3.")) {
            errors.add(new FieldError("openapi", "is '" + openapi.asText() + "'; only OpenAPI 3.x is read"));
        }
        JsonNode info = tree.get("info");
        if (info == null || !info.isObject()) {
            errors.add(new FieldError("info", "is required: an object with title and version"));
        } else {
            requireScalar(info, "title", errors);
            requireScalar(info, "version", errors);
        }
        JsonNode paths = tree.get("paths");
        if (paths == null) {
            if (openapi != null && openapi.asText().startsWith("3.0")) {
                errors.add(new FieldError("paths", "is required in OpenAPI 3.0"));
            }
        } else if (!paths.isObject()) {
            errors.add(new FieldError("paths", "must be an object of path templates, not " + kind(paths)));
        } else {
            for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
                String path = names.next();
                if (!path.startsWith("/")) {
                    errors.add(new FieldError("paths." + path, "a path template starts with /"));
                } else if (!paths.get(path).isObject()) {
                    errors.add(new FieldError("paths." + path, "must be a path item object, not " + kind(paths.get(path))));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return openapi.asText();
    }

    private static void requireScalar(JsonNode info, String field, List<FieldError> errors) {
        JsonNode value = info.get(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            errors.add(new FieldError("info." + field, "is required"));
        }
    }

    private static List<SpecPublished.Operation> operations(OpenAPI model, JsonNode paths) {
        List<SpecPublished.Operation> operations = new ArrayList<>();
        if (model.getPaths() == null || model.getPaths().getPathItems() == null) {
            return operations;
        }
        Map<String, Parameter> components = model.getComponents() == null || model.getComponents().getParameters() == null
                ? Map.of() : model.getComponents().getParameters();
        model.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> operations.add(operation(path, method, item, operation,
                    components, paths.path(path).path(method.name().toLowerCase(Locale.ROOT)))));
        });
        operations.sort(Comparator.comparing(SpecPublished.Operation::path)
                .thenComparing(o -> PathItem.HttpMethod.valueOf(o.method()).ordinal()));
        return operations;
    }

    /** One operation; {@code node} is its object in the document's tree. */
    private static SpecPublished.Operation operation(String path, PathItem.HttpMethod method, PathItem item,
            Operation operation, Map<String, Parameter> components, JsonNode node) {
        String where = "paths." + path + "." + method.name().toLowerCase(Locale.ROOT);
        // An operation's parameter overrides the path item's of the same name and location.
        Map<String, SpecPublished.Parameter> parameters = new LinkedHashMap<>();
        List<Parameter> declared = new ArrayList<>();
        if (item.getParameters() != null) {
            declared.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            declared.addAll(operation.getParameters());
        }
        for (int i = 0; i < declared.size(); i++) {
            SpecPublished.Parameter p = parameter(declared.get(i), components, where + ".parameters[" + i + "]");
            parameters.put(p.in() + ":" + p.name(), p);
        }
        List<String> codes = operation.getResponses() == null || operation.getResponses().getAPIResponses() == null
                ? List.of() : operation.getResponses().getAPIResponses().keySet().stream().sorted().toList();
        return new SpecPublished.Operation(method.name(), path, operation.getOperationId(), operation.getSummary(),
                operation.getTags(), codes, List.copyOf(parameters.values()), Boolean.TRUE.equals(operation.getDeprecated()),
                latencyBudgetMs(node, method.name() + " " + path, where));
    }

    /**
     * The operation's {@code x-latency-budget-ms}, null when it sets none. Read from the tree, which keeps the value
     * as written: the model drops an extension set to null, which must be refused like any other non-number.
     */
    private static Double latencyBudgetMs(JsonNode operation, String handler, String where) {
        JsonNode value = operation.get(SpecPublished.Operation.LATENCY_BUDGET_EXTENSION);
        if (value == null) {
            return null;
        }
        if (value.isNumber() && Double.isFinite(value.asDouble()) && value.asDouble() > 0) {
            return value.asDouble();
        }
        throw ProblemException.invalid(where + "." + SpecPublished.Operation.LATENCY_BUDGET_EXTENSION, "is "
                + (value.isTextual() ? "'" + value.asText() + "'" : value.toString()) + "; the latency budget of "
                + handler + " must be a positive number of milliseconds");
    }

    private static SpecPublished.Parameter parameter(Parameter declared, Map<String, Parameter> components, String where) {
        Parameter p = declared;
        if (p.getRef() != null) {
            String ref = p.getRef();
            p = ref.startsWith(PARAMETER_REF) ? components.get(ref.substring(PARAMETER_REF.length())) : null;
            if (p == null) {
                throw ProblemException.invalid(where, "$ref '" + ref + "' does not name a parameter under components.parameters");
            }
        }
        if (p.getName() == null || p.getName().isBlank() || p.getIn() == null) {
            throw ProblemException.invalid(where, "a parameter needs a name and in (path, query, header or cookie)");
        }
        String in = p.getIn().name().toLowerCase(Locale.ROOT);
        return new SpecPublished.Parameter(p.getName(), in, "path".equals(in) || Boolean.TRUE.equals(p.getRequired()));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
