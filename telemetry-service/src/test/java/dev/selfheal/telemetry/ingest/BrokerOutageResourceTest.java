package dev.selfheal.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.telemetry.receipt.Receipts;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Takes the broker down, so it runs after every other test class (see junit-platform.properties) and always
 * brings the broker back, waiting until it takes records again.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class BrokerOutageResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.outgoing.telemetry-out.topic")
    String topic;

    @Test
    void batchRefusedWhileTheBrokerIsDownIsAcceptedWhenTheClientRetriesAfterItIsBack() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        List<Map<String, Object>> batch = List.of(
                EventsResourceTest.execution(trace, trace.substring(0, 16), null, "POST /outage", 10.0),
                EventsResourceTest.execution(trace, trace.substring(16), trace.substring(0, 16), "Db.write", 4.0));
        // The topic exists and its metadata is cached before the outage, as in a running system.
        given().contentType(ContentType.JSON).body(List.of(EventsResourceTest.execution(
                        UUID.randomUUID().toString().replace("-", ""), "00f067aa0ba902b7", null, "GET /warm", 1.0)))
                .when().post("/api/events").then().statusCode(202);

        KafkaResource.broker().stop();
        try {
            String receipt = given().contentType(ContentType.JSON).body(batch)
                    .when().post("/api/events")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .extract().header(Receipts.HEADER);
            given().when().get("/api/receipts/" + receipt)
                    .then().statusCode(200).body("status", equalTo(503))
                    .body("accepted", equalTo(0)).body("rejected", equalTo(2));
        } finally {
            KafkaResource.broker().restart();
            awaitBrokerTakesRecords();
        }

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); KafkaConsumer<String, String> consumer = kafka.subscribe(topic)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    given().contentType(ContentType.JSON).body(batch)
                            .when().post("/api/events")
                            .then().statusCode(202).body("accepted", equalTo(2)));

            List<ConsumerRecord<String, String>> spans = KafkaTestClient.poll(consumer, r -> trace.equals(r.key())
                    && EventTypes.SPAN_RECORDED.equals(KafkaTestClient.header(r, "ce_type")), 2, Duration.ofSeconds(30));
            assertThat(spans).extracting(r -> KafkaTestClient.header(r, "ce_id"))
                    .containsExactlyInAnyOrder(trace + ":" + trace.substring(0, 16), trace + ":" + trace.substring(16));
        }
    }

    private void awaitBrokerTakesRecords() {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                    kafka.send(new ProducerRecord<>("selfheal.test.readiness", "ready", "ready")));
        }
    }
}
