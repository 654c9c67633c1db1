package dev.selfheal.detector.messaging;

import static dev.selfheal.detector.incident.Telemetry.JSON;
import static dev.selfheal.detector.incident.Telemetry.record;
import static dev.selfheal.testing.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detector.engine.EngineCheckpoint;
import dev.selfheal.testing.JwtKeyResource;
import dev.selfheal.detector.incident.Telemetry;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the consumer does with each record on the shared topic, and when it lets Kafka forget them. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtKeyResource.class, scope = TestResourceScope.GLOBAL)
class TelemetryConsumerTest {

    private static final String DEAD_LETTERS = "selfheal.telemetry.v1.detector.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void unusableRecordsGoToTheDeadLetterTopicWithTheReasonAndOtherTypesAreSkipped() throws Exception {
        String garbled = "garbled-" + Telemetry.hex(8);
        String incomplete = "incomplete-" + Telemetry.hex(8);
        String notCloudEvent = "plain-" + Telemetry.hex(8);
        String otherType = "other-" + Telemetry.hex(8);
        SpanRecorded noHandler = Telemetry.span("billing", "1.0.0", null, Telemetry.advance(Duration.ofMillis(10)), 5,
                Map.of());
        try (KafkaConsumer<String, String> deadLetters = kafka.subscribe(DEAD_LETTERS);
                KafkaProducer<String, String> producer = kafka.newProducer()) {
            producer.send(record(EventTypes.SPAN_RECORDED, UUID.randomUUID().toString(), garbled, "{\"service\": \"billing\", "));
            producer.send(record(EventTypes.SPAN_RECORDED, noHandler.eventId(), incomplete, JSON.writeValueAsString(noHandler)));
            producer.send(new ProducerRecord<>(Telemetry.TOPIC, notCloudEvent, "{}"));
            producer.send(record("dev.selfheal.telemetry.something.else", UUID.randomUUID().toString(), otherType, "{}"));
            producer.flush();

            Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.put(r.key(), r));
                assertThat(dead).containsKeys(garbled, incomplete, notCloudEvent);
            });
            deadLetters.poll(Duration.ofSeconds(2)).forEach(r -> dead.put(r.key(), r));
            assertThat(dead).doesNotContainKey(otherType);
            assertThat(header(dead.get(incomplete), "dead-letter-reason")).contains("SpanRecorded without handler");
            assertThat(header(dead.get(garbled), "dead-letter-reason")).startsWith("unreadable dev.selfheal.telemetry.span.recorded");
            assertThat(header(dead.get(notCloudEvent), "dead-letter-reason")).contains("ce_type");
            assertThat(header(dead.get(incomplete), "dead-letter-topic")).isEqualTo(Telemetry.TOPIC);
            assertThat(header(dead.get(incomplete), "ce_id")).isEqualTo(noHandler.eventId());
            assertThat(dead.get(incomplete).value()).isEqualTo(JSON.writeValueAsString(noHandler));
        }
    }

    @Test
    void offsetsAreCommittedOnlyWithACheckpointThatIncludesThem() throws Exception {
        Instant before = Instant.now();
        SpanRecorded span = Telemetry.span("orders-" + Telemetry.hex(6), "1.0.0", "GET /orders",
                Telemetry.advance(Duration.ofMillis(10)), 4, Map.of());
        var sent = kafka.sendAsync(record(EventTypes.SPAN_RECORDED, span.eventId(), span.traceId(),
                JSON.writeValueAsString(span))).get();
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

        EngineCheckpoint saved = await().atMost(PATIENCE).until(TelemetryConsumerTest::checkpoint,
                c -> c != null && c.savedAt.isAfter(before)
                        && c.offsets.contains("\"" + sent.topic() + "/" + sent.partition() + "\"")
                        && offset(c, sent.topic() + "/" + sent.partition()) > sent.offset());
        assertThat(saved.snapshot).isNotEmpty();
        assertThat(saved.events).isPositive();

        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("selfheal-detector").partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(partition)).isNotNull();
                assertThat(committed.get(partition).offset()).isGreaterThan(sent.offset());
                // Never ahead of what the latest checkpoint includes.
                EngineCheckpoint latest = checkpoint();
                assertThat(committed.get(partition).offset())
                        .isLessThanOrEqualTo(offset(latest, sent.topic() + "/" + sent.partition()));
            });
        }
        given().get("/api/engine").then().statusCode(200);
        assertThat(given().get("/api/engine").jsonPath().getLong("events")).isPositive();
    }

    private static EngineCheckpoint checkpoint() {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> EngineCheckpoint.<EngineCheckpoint>findById("default")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long offset(EngineCheckpoint checkpoint, String key) {
        Map<?, ?> offsets;
        try {
            offsets = JSON.readValue(checkpoint.offsets, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Object value = offsets.get(key);
        return value == null ? -1 : ((Number) value).longValue();
    }
}
