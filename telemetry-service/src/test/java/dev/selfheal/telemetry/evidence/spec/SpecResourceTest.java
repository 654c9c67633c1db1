package dev.selfheal.telemetry.evidence.spec;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.telemetry.evidence.Resources;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class SpecResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String RECEIPT = "Selfheal-Receipt";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.outgoing.telemetry-out.topic")
    String topic;

    @Test
    void realDocumentInJsonIsStoredAndPublishedWithItsOperations() {
        String service = "healer-" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            Response response = post(service, "0.1.0", "application/json", Resources.bytes("healer-service-openapi.json"))
                    .then().statusCode(202).header(RECEIPT, matchesPattern("[0-9a-f-]{36}"))
                    .body("specId", matchesPattern("[0-9a-f]{16}")).body("title", equalTo("Selfheal healer-service"))
                    .body("operations", equalTo(4)).body("parts", equalTo(1))
                    .body("duplicate", equalTo(false)).body("replaced", equalTo(false))
                    .extract().response();
            String specId = response.jsonPath().getString("specId");

            List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(consumer,
                    r -> isSpec(r) && service.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(records).singleElement().satisfies(r ->
                    assertThat(KafkaTestClient.header(r, "ce_id")).isEqualTo("spec:" + specId + ":1"));
            SpecPublished event = spec(records.get(0));
            assertThat(event.service()).isEqualTo(service);
            assertThat(event.version()).isEqualTo("0.1.0");
            assertThat(event.openapi()).isEqualTo("3.1.0");
            assertThat(event.apiVersion()).isEqualTo("0.1.0");
            assertThat(event.operations()).extracting(SpecPublished.Operation::handler).containsExactly(
                    "GET /api/fixes", "GET /api/fixes/{id}", "POST /api/fixes/{id}/approval", "GET /api/fixes/{id}/audit");

            given().when().get("/api/specs/" + service + "/0.1.0")
                    .then().statusCode(200).body("specId", equalTo(specId)).body("operations.size()", equalTo(4))
                    .body("operations[2].method", equalTo("POST")).body("operations[2].path", equalTo("/api/fixes/{id}/approval"))
                    .body("operations[2].responseCodes", org.hamcrest.Matchers.hasItems("401", "403", "409"))
                    .body("operations[2].parameters[0].name", equalTo("id"));
            given().when().get("/api/receipts/" + response.header(RECEIPT))
                    .then().statusCode(200).body("endpoint", equalTo("/api/specs")).body("accepted", equalTo(4));
        }
    }

    @Test
    void yamlOfTheSameDocumentReadsTheSameAndAResendChangesNothing() {
        String service = "healer-" + UUID.randomUUID();
        byte[] yaml = Resources.bytes("healer-service-openapi.yaml");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            post(service, "0.1.0", "application/json", Resources.bytes("healer-service-openapi.json")).then().statusCode(202);
            String specId = post(service, "0.1.0", "application/yaml", yaml)
                    .then().statusCode(202).body("replaced", equalTo(true)).body("duplicate", equalTo(false))
                    .extract().path("specId");
            post(service, "0.1.0", "text/yaml; charset=utf-8", yaml)
                    .then().statusCode(202).body("specId", equalTo(specId)).body("duplicate", equalTo(true))
                    .body("replaced", equalTo(false));

            List<SpecPublished> events = KafkaTestClient.poll(consumer, r -> isSpec(r) && service.equals(r.key()), 3,
                    Duration.ofSeconds(30)).stream().map(SpecResourceTest::spec).toList();
            assertThat(events).hasSize(3);
            assertThat(events.get(1).operations()).isEqualTo(events.get(0).operations());
            assertThat(events.get(2)).as("the resend repeats the stored document's event").isEqualTo(events.get(1));
            given().queryParam("service", service).when().get("/api/specs")
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].specId", equalTo(specId))
                    .body("[0].operations", equalTo(4));
        }
    }

    @Test
    void latencyBudgetsTravelInTheEventAndTheStoredDocument() {
        String service = "shop-" + UUID.randomUUID();
        byte[] yaml = """
                openapi: 3.1.0
                info: {title: Shop, version: '1'}
                paths:
                  /api/orders:
                    get: {x-latency-budget-ms: 250, responses: {'200': {description: ok}}}
                    post: {responses: {'201': {description: made}}}
                """.getBytes(StandardCharsets.UTF_8);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            post(service, "1.0.0", "application/yaml", yaml).then().statusCode(202);

            SpecPublished event = spec(KafkaTestClient.poll(consumer, r -> isSpec(r) && service.equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0));
            assertThat(event.operations()).extracting(SpecPublished.Operation::handler, SpecPublished.Operation::latencyBudgetMs)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("GET /api/orders", 250.0),
                            org.assertj.core.groups.Tuple.tuple("POST /api/orders", null));
            given().when().get("/api/specs/" + service + "/1.0.0")
                    .then().statusCode(200)
                    .body("operations.find { it.method == 'GET' }.latencyBudgetMs", equalTo(250.0f))
                    .body("operations.find { it.method == 'POST' }.latencyBudgetMs", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void thisServicesOwnLiveDocumentDescribesTheEvidenceEndpoints() {
        String service = "telemetry-" + UUID.randomUUID();
        byte[] live = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray();

        post(service, "0.1.0", "application/json", live).then().statusCode(202);

        List<String> handlers = given().when().get("/api/specs/" + service + "/0.1.0")
                .then().statusCode(200).body("title", equalTo("Selfheal telemetry-service"))
                .extract().jsonPath().getList("operations.collect { it.method + ' ' + it.path }");
        assertThat(handlers).contains("POST /api/test-reports", "GET /api/test-reports", "POST /api/specs",
                "GET /api/specs", "GET /api/specs/{service}/{version}", "POST /api/logs", "POST /v1/traces");
    }

    @Test
    void versionsAreListedNewestFirst() {
        String service = "healer-" + UUID.randomUUID();
        post(service, "1.0.0", "application/json", Resources.bytes("healer-service-openapi.json")).then().statusCode(202);
        post(service, "1.1.0", "application/x-yaml", Resources.bytes("healer-service-openapi.yaml")).then().statusCode(202);

        given().queryParam("service", service).when().get("/api/specs")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.contains("1.1.0", "1.0.0"));
    }

    @Test
    void eachBadRequestGetsAPreciseProblemAndAReceipt() {
        byte[] json = Resources.bytes("healer-service-openapi.json");
        given().contentType("application/json").body(json).queryParam("service", "x")
                .when().post("/api/specs")
                .then().statusCode(400).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("errors[0].field", equalTo("version"));
        post("x", "1", "application/xml", json)
                .then().statusCode(415).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("detail", containsString("application/json or as YAML"));
        post("x", "1", "application/json", "{\"openapi\": \"3.1.0\", ".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("detail", containsString("is not well-formed JSON at line 1"));
        post("x", "1", "application/yaml", "openapi: 3.1.0\ninfo: {title: [\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("detail", containsString("is not well-formed YAML"));
        post("x", "1", "application/json", "{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("errors[0].field", equalTo("swagger")).body("detail", containsString("only OpenAPI 3.x"));
        post("x", "1", "application/json", "{\"openapi\": \"3.0.3\", \"paths\": {}}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("errors[0].field", equalTo("info")).header(RECEIPT, notNullValue());
        post("x", "1", "application/json", new byte[0])
                .then().statusCode(400).body("detail", containsString("empty"));
        post("x", "1", "application/yaml", """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /api/orders:
                    get: {x-latency-budget-ms: fast, responses: {'200': {description: ok}}}
                """.getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).contentType("application/problem+json").header(RECEIPT, notNullValue())
                .body("errors[0].field", equalTo("paths./api/orders.get.x-latency-budget-ms"))
                .body("detail", containsString("is 'fast'; the latency budget of GET /api/orders must be a positive number"));
        byte[] large = ("{\"openapi\": \"3.1.0\", \"x\": \"" + "y".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        post("x", "1", "application/json", large)
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("at most 262144"));

        given().when().get("/api/specs/never-" + UUID.randomUUID() + "/1")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/specs")
                .then().statusCode(400).body("errors[0].field", equalTo("service"));
    }

    private static Response post(String service, String version, String contentType, byte[] body) {
        return given().queryParam("service", service).queryParam("version", version).contentType(contentType).body(body)
                .when().post("/api/specs");
    }

    static boolean isSpec(ConsumerRecord<String, String> record) {
        return EventTypes.SPEC_PUBLISHED.equals(KafkaTestClient.header(record, "ce_type"));
    }

    static SpecPublished spec(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), SpecPublished.class);
        } catch (IOException e) {
            throw new AssertionError("not a SpecPublished: " + record.value(), e);
        }
    }
}
