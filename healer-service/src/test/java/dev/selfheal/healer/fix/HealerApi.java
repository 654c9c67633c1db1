package dev.selfheal.healer.fix;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.testing.JwtKeyResource;
import dev.selfheal.testing.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the healer's tests share: anomalies to send, tokens to sign, and waiting for fixes and events. */
final class HealerApi {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String FIXES_TOPIC = "selfheal.fixes.v1";
    static final String ANOMALIES_TOPIC = "selfheal.anomalies.v1";
    static final String PROBLEM = "application/problem+json";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private HealerApi() {
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A latency anomaly of {@code POST /orders} with both windows' versions, as the performance detector sends. */
    static AnomalyDetected performance(String service, String baselineVersion, String observedVersion) {
        Map<String, Double> figures = Map.of("baseline.p95Ms", 120.0, "observed.p95Ms", 492.0, "p95Ratio", 4.1,
                "baseline.samples", 480.0, "observed.samples", 120.0);
        Map<String, String> details = Map.of("baseline.version", baselineVersion, "observed.version", observedVersion);
        return new AnomalyDetected("anomaly-" + UUID.randomUUID(), Capability.PERFORMANCE, service, observedVersion,
                "POST /orders", Instant.now(), 4.1, Severity.HIGH, "p95 of POST /orders is 4.1x its baseline",
                new Evidence(figures, details, List.of("trace-1", "trace-2")), "incident-" + suffix(), "latency");
    }

    /** The same problem as {@code first}, announced again (a new incident) at {@code at}. */
    static AnomalyDetected again(AnomalyDetected first, Instant at) {
        return new AnomalyDetected("anomaly-" + UUID.randomUUID(), first.capability(), first.service(),
                first.version(), first.handler(), at, first.score(), first.severity(), first.summary(),
                first.evidence(), "incident-" + suffix(), first.signature());
    }

    static String token(String name, Set<String> groups) {
        return token(name, groups, JwtKeyResource.ISSUER);
    }

    static String token(String name, Set<String> groups, String issuer) {
        return JwtKeyResource.token(name, groups, issuer);
    }

    static List<String> awaitFixes(String service, int count) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().queryParam("service", service).get("/api/fixes")
                        .then().statusCode(200).extract().jsonPath().getList("id", String.class),
                        ids -> ids.size() >= count);
    }

    /** Waits until the fix is in {@code status}. */
    static void awaitStatus(String fixId, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/fixes/" + fixId).then().extract().jsonPath().getString("status"),
                        status::equals);
    }

    static void produce(KafkaTestClient kafka, String eventId, AnomalyDetected anomaly) throws Exception {
        kafka.send(anomalyEvent(anomaly.service(), eventId, JSON.writeValueAsString(anomaly)));
    }

    static ProducerRecord<String, String> anomalyEvent(String key, String eventId, String payload) {
        return KafkaTestClient.cloudEvent(ANOMALIES_TOPIC, key, eventId, EventTypes.ANOMALY_DETECTED,
                "/selfheal/detector-service", payload);
    }

    /** The next {@code n} records keyed {@code key}; the consumer keeps its position between calls. */
    static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, String key, int n) {
        List<ConsumerRecord<String, String>> found = KafkaTestClient.poll(consumer, r -> key.equals(r.key()), n,
                Duration.ofSeconds(30));
        assertThat(found).as("records keyed %s", key).hasSize(n);
        return found;
    }
}
