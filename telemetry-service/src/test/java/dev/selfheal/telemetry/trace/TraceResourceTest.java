package dev.selfheal.telemetry.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.selfheal.telemetry.retention.RetentionService;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class TraceResourceTest {

    @Inject
    RetentionService retention;

    @Test
    void filtersSelectTracesByTheirSpansAndListRootsNewestFirst() {
        String orders = "orders-" + hex(8);
        String payments = "payments-" + hex(8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        Instant hourAgo = now.minus(Duration.ofHours(1));

        // A, two days old: an orders root calling payments, which failed.
        String a = hex(32);
        String aRoot = hex(16);
        String aCharge = hex(16);
        // B, now: a single successful orders root.
        String b = hex(32);
        String bRoot = hex(16);
        // C, an hour old, root not stored: an OK span, then a failed one 5 ms later.
        String c = hex(32);
        String cFirst = hex(16);
        String cFailed = hex(16);
        post(List.of(
                span(orders, a, aRoot, null, "POST /orders", twoDaysAgo, "OK"),
                span(payments, a, aCharge, aRoot, "POST /charges", twoDaysAgo.plusMillis(10), "ERROR"),
                span(orders, b, bRoot, null, "GET /orders", now, "OK"),
                span(orders, c, cFirst, hex(16), "POST /orders", hourAgo, "OK"),
                span(orders, c, cFailed, hex(16), "POST /orders", hourAgo.plusMillis(5), "ERROR")));

        traces(given().queryParam("service", orders))
                .body("traceId", equalTo(List.of(b, c, a)))
                .body("spanId", equalTo(List.of(bRoot, cFirst, aRoot)));
        traces(given().queryParam("service", orders).queryParam("handler", "POST /orders"))
                .body("traceId", equalTo(List.of(c, a)));
        // A matches through its payments span, and is listed by its root.
        traces(given().queryParam("service", payments).queryParam("status", "ERROR"))
                .body("traceId", equalTo(List.of(a))).body("spanId", equalTo(List.of(aRoot)))
                .body("service", equalTo(List.of(orders)));
        // C has no root stored: its earliest span that matches, not its earliest span.
        traces(given().queryParam("service", orders).queryParam("status", "error"))
                .body("traceId", equalTo(List.of(c))).body("spanId", equalTo(List.of(cFailed)));
        traces(given().queryParam("service", orders).queryParam("status", "OK"))
                .body("traceId", equalTo(List.of(b, c, a))).body("spanId", equalTo(List.of(bRoot, cFirst, aRoot)));
        traces(given().queryParam("service", orders).queryParam("from", hourAgo.toString()))
                .body("traceId", equalTo(List.of(b, c)));
        traces(given().queryParam("service", orders).queryParam("to", hourAgo.toString()))
                .body("traceId", equalTo(List.of(c, a)));
        traces(given().queryParam("service", orders).queryParam("from", hourAgo.plusMillis(1).toString())
                .queryParam("to", now.minusMillis(1).toString()).queryParam("status", "ERROR"))
                .body("traceId", equalTo(List.of(c)));
        traces(given().queryParam("service", orders).queryParam("handler", "GET /orders")
                .queryParam("status", "ERROR"))
                .body("traceId", equalTo(List.of()));
        traces(given().queryParam("service", orders).queryParam("limit", 1))
                .body("traceId", equalTo(List.of(b)));
        traces(given().queryParam("service", "nobody-" + hex(8))).body("traceId", equalTo(List.of()));

        // Without filters: the latest traces, as the dashboard reads them.
        traces(given().queryParam("limit", 500)).body("traceId", hasItems(a, b, c));
        traces(given()).body("size()", lessThanOrEqualTo(20)).body("traceId", hasItem(b));
    }

    @Test
    void eachBadParameterIsAProblemNamingIt() {
        bad("from", "yesterday", "from");
        bad("to", "2026-11-29", "to");
        bad("status", "MAYBE", "status");
        bad("limit", "0", "limit");
        bad("limit", "501", "limit");
        bad("limit", "ten", "limit");
        given().queryParam("from", "2026-11-29T11:00:00Z").queryParam("to", "2026-11-29T10:00:00Z")
                .when().get("/api/traces")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("from"))).body("detail", containsString("after"));
        given().queryParam("status", "bad").queryParam("limit", "-1")
                .when().get("/api/traces")
                .then().statusCode(400).body("errors.field", equalTo(List.of("status", "limit")));
    }

    @Test
    void retentionDeletesSpansThatStartedBeforeTheCutoffAndKeepsTheRest() throws Throwable {
        Instant cutoff = Instant.parse("1995-01-01T00:00:00Z");
        List<String> old = List.of(hex(32), hex(32), hex(32), hex(32), hex(32));
        String atCutoff = hex(32);
        String recent = hex(32);
        String service = "retention-" + hex(8);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            batch.add(span(service, old.get(i), hex(16), null, "GET /old", cutoff.minusSeconds(i).minusMillis(1), "OK"));
        }
        batch.add(span(service, atCutoff, hex(16), null, "GET /old", cutoff, "OK"));
        batch.add(span(service, recent, hex(16), null, "GET /new", Instant.now(), "OK"));
        post(batch);

        // Five spans, deleted two per transaction in tests (selfheal.retention.batch-size).
        assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.purgeSpans(cutoff))).isEqualTo(5);

        old.forEach(trace -> given().get("/api/traces/" + trace).then().statusCode(404));
        given().get("/api/traces/" + atCutoff).then().statusCode(200);
        given().get("/api/traces/" + recent).then().statusCode(200);
        traces(given().queryParam("service", service)).body("traceId", equalTo(List.of(recent, atCutoff)));
    }

    @Test
    void retentionDeletesReceiptsReceivedBeforeTheCutoff() throws Throwable {
        String service = "retention-" + hex(8);
        String older = post(List.of(span(service, hex(32), hex(16), null, "GET /", Instant.now(), "OK")));
        Instant olderReceived = Instant.parse(given().get("/api/receipts/" + older)
                .then().statusCode(200).extract().path("receivedAt"));
        String newer = post(List.of(span(service, hex(32), hex(16), null, "GET /", Instant.now(), "OK")));

        assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.purgeReceipts(olderReceived.plusNanos(1000))))
                .isPositive();

        given().get("/api/receipts/" + older).then().statusCode(404);
        given().get("/api/receipts/" + newer).then().statusCode(200);
    }

    private static void bad(String parameter, String value, String field) {
        given().queryParam(parameter, value)
                .when().get("/api/traces")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.field", equalTo(List.of(field)));
    }

    private static ValidatableResponse traces(RequestSpecification request) {
        return request.when().get("/api/traces").then().statusCode(200).contentType(ContentType.JSON);
    }

    /** Posts handler executions; answers the receipt id. */
    private static String post(List<Map<String, Object>> batch) {
        return given().contentType(ContentType.JSON).body(batch)
                .when().post("/api/events")
                .then().statusCode(202).extract().path("receiptId");
    }

    private static Map<String, Object> span(String service, String traceId, String spanId, String parent,
            String handler, Instant start, String status) {
        Map<String, Object> e = new HashMap<>();
        e.put("service", service);
        e.put("version", "1.0.0");
        e.put("traceId", traceId);
        e.put("spanId", spanId);
        if (parent != null) {
            e.put("parentSpanId", parent);
        }
        e.put("handler", handler);
        e.put("start", start.toString());
        e.put("durationMs", 3.0);
        e.put("status", status);
        return e;
    }

    private static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }
}
