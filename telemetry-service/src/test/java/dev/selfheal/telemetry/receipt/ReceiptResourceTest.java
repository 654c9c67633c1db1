package dev.selfheal.telemetry.receipt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ReceiptResourceTest {

    static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    @Test
    void acceptedEventsBatchHasAReceiptInBodyAndHeader() {
        List<Map<String, Object>> batch = List.of(Map.of("service", "billing", "version", "1.0.0", "traceId", hex(32),
                "spanId", hex(16), "handler", "POST /invoices", "start", "2026-11-29T10:00:00Z", "durationMs", 12.5,
                "status", "OK"));
        String id = given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/events")
                .then().statusCode(202).body("receiptId", notNullValue()).header(Receipts.HEADER, notNullValue())
                .extract().path("receiptId");

        given().when().get("/api/receipts/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("endpoint", equalTo("/api/events"))
                .body("services", equalTo(List.of("billing"))).body("status", equalTo(202))
                .body("accepted", equalTo(1)).body("rejected", equalTo(0)).body("reasons.size()", equalTo(0))
                .body("receivedAt", notNullValue());
    }

    @Test
    void refusedEventsBatchCountsItsItemsAndSaysWhy() {
        List<Map<String, Object>> batch = List.of(
                Map.of("service", "billing", "version", "1.0.0", "traceId", hex(32), "spanId", "xyz",
                        "handler", "GET /x", "start", "2026-11-29T10:00:00Z", "durationMs", 1, "status", "OK"),
                Map.of("service", "billing", "version", "1.0.0", "traceId", hex(32), "spanId", hex(16),
                        "handler", "GET /x", "start", "2026-11-29T10:00:00Z", "durationMs", 1, "status", "OK"));
        String id = given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[0].spanId"))
                .extract().header(Receipts.HEADER);

        given().when().get("/api/receipts/" + id)
                .then().statusCode(200).body("status", equalTo(400)).body("accepted", equalTo(0))
                .body("rejected", equalTo(2)).body("reasons", hasItem(containsString("[0].spanId")));
    }

    @Test
    void requestsRefusedBeforeAnEndpointReadsThemStillGetAReceipt() {
        String wrongType = given().contentType("text/csv").body("a,b")
                .when().post("/api/events")
                .then().statusCode(415).contentType("application/problem+json")
                .extract().header(Receipts.HEADER);
        given().when().get("/api/receipts/" + wrongType)
                .then().statusCode(200).body("endpoint", equalTo("/api/events")).body("status", equalTo(415));

        String malformed = given().contentType(ContentType.JSON).body("[{\"service\": ")
                .when().post("/api/events")
                .then().statusCode(400).contentType("application/problem+json")
                .extract().header(Receipts.HEADER);
        given().when().get("/api/receipts/" + malformed).then().statusCode(200).body("status", equalTo(400));

        String otlp = given().contentType("text/plain").body("spans")
                .when().post("/v1/traces")
                .then().statusCode(415).extract().header(Receipts.HEADER);
        given().when().get("/api/receipts/" + otlp).then().statusCode(200).body("endpoint", equalTo("/v1/traces"));
    }

    @Test
    void undecodableOtlpExportHasAReceiptWithTheReason() {
        String id = given().contentType("application/json").body("{\"resourceSpans\": [")
                .when().post("/v1/traces")
                .then().statusCode(400).header(Receipts.HEADER, notNullValue())
                .extract().header(Receipts.HEADER);
        given().when().get("/api/receipts/" + id)
                .then().statusCode(200).body("endpoint", equalTo("/v1/traces")).body("status", equalTo(400))
                .body("reasons[0]", notNullValue());
    }

    @Test
    void unknownReceiptIsNotFound() {
        given().when().get("/api/receipts/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("no receipt"));
    }
}
