package dev.selfheal.workload.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3.0 document a service version publishes: one operation per handler it documents, with its path
 * parameters, a JSON request body for POST and PUT, its responses (including the known errors it raises), and
 * {@code x-latency-budget-ms} where the team promises a latency.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiDocuments() {
    }

    /** The document of one service version listing exactly the given handlers, as JSON. */
    public static String document(String service, String version, List<Handler> handlers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", service + " API");
        info.put("version", version);
        info.put("description", "The " + service + " service of the shop.");
        root.putArray("servers").addObject().put("url", "http://" + service + ":8080");
        ObjectNode paths = root.putObject("paths");
        for (Handler handler : handlers) {
            ObjectNode item = paths.has(handler.route()) ? (ObjectNode) paths.get(handler.route())
                    : paths.putObject(handler.route());
            item.set(handler.method().toLowerCase(Locale.ROOT), operation(handler));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI tree always serialises", e);
        }
    }

    private static ObjectNode operation(Handler handler) {
        ObjectNode operation = JSON.createObjectNode();
        operation.put("operationId", handler.function() + handler.simpleClassName().replaceAll("(Resource|Gateway)$", ""));
        operation.put("summary", summary(handler));
        operation.putArray("tags").add(handler.simpleClassName().replaceAll("(Resource|Gateway)$", ""));
        List<String> parameters = ShopModel.pathParameters(handler.route());
        if (!parameters.isEmpty()) {
            ArrayNode list = operation.putArray("parameters");
            for (String name : parameters) {
                ObjectNode parameter = list.addObject();
                parameter.put("name", name);
                parameter.put("in", "path");
                parameter.put("required", true);
                parameter.putObject("schema").put("type", "string");
            }
        }
        boolean creates = handler.method().equals("POST");
        if (creates || handler.method().equals("PUT")) {
            ObjectNode body = operation.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        }
        ObjectNode responses = operation.putObject("responses");
        String success = handler.method().equals("DELETE") ? "204" : creates ? "201" : "200";
        ObjectNode ok = responses.putObject(success);
        ok.put("description", success.equals("204") ? "Done" : creates ? "Created" : "OK");
        if (!success.equals("204")) {
            ok.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        }
        for (ShopModel.KnownError error : ShopModel.KNOWN_ERRORS) {
            if (error.handler().equals(handler)) {
                responses.putObject(String.valueOf(error.status())).put("description",
                        error.type().substring(error.type().lastIndexOf('.') + 1));
            }
        }
        responses.putObject("503").put("description", "A dependency is unavailable");
        if (handler.latencyBudgetMs() != null) {
            operation.put("x-latency-budget-ms", handler.latencyBudgetMs());
        }
        return operation;
    }

    private static String summary(Handler handler) {
        String words = handler.function().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (" + handler.route() + ")";
    }
}
