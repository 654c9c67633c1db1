package dev.selfheal.telemetry.evidence.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.contracts.v1.SpecPublished.Operation;
import dev.selfheal.contracts.v1.SpecPublished.Parameter;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.evidence.Resources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiReaderTest {

    @Test
    void realDocumentReadsTheSameFromJsonAndYaml() {
        ParsedSpec json = OpenApiReader.read(Resources.bytes("healer-service-openapi.json"), SpecFormat.JSON);
        ParsedSpec yaml = OpenApiReader.read(Resources.bytes("healer-service-openapi.yaml"), SpecFormat.YAML);

        assertThat(yaml).isEqualTo(json);
        assertThat(json.openapi()).isEqualTo("3.1.0");
        assertThat(json.title()).isEqualTo("Selfheal healer-service");
        assertThat(json.apiVersion()).isEqualTo("0.1.0");
        assertThat(json.operations()).extracting(Operation::handler).containsExactly(
                "GET /api/fixes", "GET /api/fixes/{id}", "POST /api/fixes/{id}/approval", "GET /api/fixes/{id}/audit");
        assertThat(json.operations().get(2)).satisfies(approval -> {
            assertThat(approval.tags()).containsExactly("Fixes");
            assertThat(approval.responseCodes()).containsExactly("200", "400", "401", "403", "404", "409", "415", "503");
            assertThat(approval.parameters()).containsExactly(new Parameter("id", "path", true));
            assertThat(approval.summary()).isNotBlank();
        });
        assertThat(json.operations().get(0).parameters()).extracting(Parameter::name, Parameter::in, Parameter::required)
                .contains(org.assertj.core.groups.Tuple.tuple("service", "query", false));
    }

    @Test
    void pathParametersAndReferencesAreResolvedAndOperationsOverrideThem() {
        String yaml = """
                openapi: 3.0.3
                info: {title: Shop, version: 2}
                paths:
                  /api/orders/{id}:
                    parameters:
                      - $ref: '#/components/parameters/OrderId'
                      - {name: trace, in: header}
                    delete:
                      operationId: deleteOrder
                      deprecated: true
                      parameters:
                        - {name: trace, in: header, required: true}
                      responses: {default: {description: any}, '204': {description: gone}}
                    get:
                      operationId: getOrder
                      summary: Read an order
                      tags: [Orders]
                      responses: {'200': {description: ok}, 4XX: {description: bad}}
                components:
                  parameters:
                    OrderId: {name: id, in: path, required: true, schema: {type: integer}}
                """;

        ParsedSpec spec = OpenApiReader.read(bytes(yaml), SpecFormat.YAML);

        assertThat(spec.apiVersion()).as("a YAML number is still the version").isEqualTo("2");
        assertThat(spec.operations()).containsExactly(
                new Operation("GET", "/api/orders/{id}", "getOrder", "Read an order", List.of("Orders"),
                        List.of("200", "4XX"), List.of(new Parameter("id", "path", true), new Parameter("trace", "header", false)), false),
                new Operation("DELETE", "/api/orders/{id}", "deleteOrder", null, List.of(), List.of("204", "default"),
                        List.of(new Parameter("id", "path", true), new Parameter("trace", "header", true)), true));
    }

    @Test
    void latencyBudgetsAreReadFromTheExtensionInJsonAndYaml() {
        String json = """
                {"openapi": "3.1.0", "info": {"title": "Shop", "version": "2"}, "paths": {"/api/orders": {
                  "get": {"x-latency-budget-ms": 250, "responses": {"200": {"description": "ok"}}},
                  "post": {"x-latency-budget-ms": 1.5, "responses": {"201": {"description": "made"}}},
                  "delete": {"responses": {"204": {"description": "gone"}}}}}}
                """;
        String yaml = """
                openapi: 3.1.0
                info: {title: Shop, version: '2'}
                paths:
                  /api/orders:
                    get:
                      x-latency-budget-ms: 250
                      responses: {'200': {description: ok}}
                    post:
                      x-latency-budget-ms: 1.5
                      responses: {'201': {description: made}}
                    delete:
                      responses: {'204': {description: gone}}
                """;

        ParsedSpec fromJson = OpenApiReader.read(bytes(json), SpecFormat.JSON);
        ParsedSpec fromYaml = OpenApiReader.read(bytes(yaml), SpecFormat.YAML);

        assertThat(fromJson.operations()).extracting(Operation::handler, Operation::latencyBudgetMs).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("GET /api/orders", 250.0),
                org.assertj.core.groups.Tuple.tuple("POST /api/orders", 1.5),
                org.assertj.core.groups.Tuple.tuple("DELETE /api/orders", null));
        assertThat(fromYaml).isEqualTo(fromJson);
    }

    @Test
    void aLatencyBudgetThatIsNotAPositiveNumberIsA400NamingTheOperationAndTheValue() {
        for (String value : List.of("\"fast\"", "\"250\"", "0", "-5", "true", "null", "[250]")) {
            assertInvalid("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {\"/api/orders\": "
                            + "{\"get\": {\"x-latency-budget-ms\": " + value + ", \"responses\": {\"200\": {\"description\": \"ok\"}}}}}}",
                    SpecFormat.JSON, "paths./api/orders.get.x-latency-budget-ms", "the latency budget of GET /api/orders must be");
        }
        assertInvalid("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {\"/api/orders\": "
                        + "{\"get\": {\"x-latency-budget-ms\": \"fast\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}}}",
                SpecFormat.JSON, "paths./api/orders.get.x-latency-budget-ms",
                "is 'fast'; the latency budget of GET /api/orders must be a positive number of milliseconds");
        assertInvalid("""
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /api/orders/{id}:
                    put:
                      x-latency-budget-ms: -20
                      responses: {'200': {description: ok}}
                """, SpecFormat.YAML, "paths./api/orders/{id}.put.x-latency-budget-ms",
                "is -20; the latency budget of PUT /api/orders/{id} must be a positive number of milliseconds");
        assertInvalid("""
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /api/orders:
                    get:
                      x-latency-budget-ms: 250ms
                      responses: {'200': {description: ok}}
                """, SpecFormat.YAML, "paths./api/orders.get.x-latency-budget-ms", "is '250ms'; the latency budget of GET /api/orders");
    }

    @Test
    void aDocumentWithoutPathsHasNoOperations() {
        ParsedSpec spec = OpenApiReader.read(bytes("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"hooks\",\"version\":\"1\"},\"webhooks\":{}}"),
                SpecFormat.JSON);

        assertThat(spec.operations()).isEmpty();
    }

    @Test
    void eachMalformedOrForeignDocumentIsA400SayingWhy() {
        assertInvalid("{\"openapi\": \"3.0.0\",", SpecFormat.JSON, "body", "is not well-formed JSON at line 1");
        assertInvalid("openapi: 3.0.0\ninfo: [title\n", SpecFormat.YAML, "body", "is not well-formed YAML at line");
        assertInvalid("", SpecFormat.JSON, "body", "holds no JSON document");
        assertInvalid("[1, 2]", SpecFormat.JSON, "body", "its root is a list, not an object");
        assertInvalid("just words", SpecFormat.YAML, "body", "its root is a string, not an object");
        assertInvalid("{\"swagger\": \"2.0\", \"info\": {}}", SpecFormat.JSON, "swagger", "Swagger 2.0 document; only OpenAPI 3.x");
        assertInvalid("{\"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}", SpecFormat.JSON, "openapi", "is required");
        assertInvalid("{\"openapi\": \"4.0.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}", SpecFormat.JSON,
                "openapi", "only OpenAPI 3.x");
        assertInvalid("{\"openapi\": \"3.0.3\", \"info\": {\"version\": \"1\"}, \"paths\": {}}", SpecFormat.JSON, "info.title", "is required");
        assertInvalid("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}}", SpecFormat.JSON, "paths", "is required in OpenAPI 3.0");
        assertInvalid("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {\"orders\": {}}}",
                SpecFormat.JSON, "paths.orders", "starts with /");
        assertInvalid("""
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /a:
                    get:
                      parameters: [{$ref: '#/components/parameters/Missing'}]
                      responses: {'200': {description: ok}}
                """, SpecFormat.YAML, "paths./a.get.parameters[0]", "does not name a parameter");
    }

    private static void assertInvalid(String text, SpecFormat format, String field, String detail) {
        assertThatThrownBy(() -> OpenApiReader.read(bytes(text), format))
                .as(text)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
                    assertThat(e.errors()).first().satisfies(error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(e.getMessage()).contains(detail);
                    });
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
