package dev.selfheal.healer.fix;

import static dev.selfheal.healer.fix.HealerApi.FIXES_TOPIC;
import static dev.selfheal.healer.fix.HealerApi.JSON;
import static dev.selfheal.healer.fix.HealerApi.PROBLEM;
import static dev.selfheal.healer.fix.HealerApi.anomalyEvent;
import static dev.selfheal.healer.fix.HealerApi.awaitFixes;
import static dev.selfheal.healer.fix.HealerApi.awaitStatus;
import static dev.selfheal.healer.fix.HealerApi.performance;
import static dev.selfheal.healer.fix.HealerApi.poll;
import static dev.selfheal.healer.fix.HealerApi.produce;
import static dev.selfheal.healer.fix.HealerApi.suffix;
import static dev.selfheal.healer.fix.HealerApi.token;
import static dev.selfheal.testing.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.testing.JwtKeyResource;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.KafkaTestClient;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtKeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HealerTestResource.class, scope = TestResourceScope.GLOBAL)
class FixResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaTestClient kafka;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void anomalyBecomesAProposalThatOnlyAnApproverCanApproveAndThatIsThenRolledOut() throws Exception {
        String service = "checkout-" + suffix();
        AnomalyDetected anomaly = performance(service, "1.4.1", "1.4.2");

        try (KafkaConsumer<String, String> fixEvents = kafka.subscribe(FIXES_TOPIC)) {
            produce(kafka, anomaly.anomalyId(), anomaly);
            String fixId = awaitFixes(service, 1).get(0);

            given().queryParam("service", service).get("/api/fixes").then().statusCode(200)
                    .body("[0].id", equalTo(fixId))
                    .body("[0].status", equalTo("PENDING_APPROVAL"))
                    .body("[0].service", equalTo(service))
                    .body("[0].handler", equalTo("POST /orders"))
                    .body("[0].playbook", equalTo("release.rollback"))
                    .body("[0].title", equalTo("Roll " + service + " back from 1.4.2 to 1.4.1"))
                    .body("[0].diagnosis", containsString("@1.4.2 (RELEASE"))
                    .body("[0].risk", equalTo("MEDIUM"))
                    .body("[0].approvalsRequired", equalTo(1))
                    .body("[0].approvals", equalTo(0))
                    .body("[0].expiresAt", notNullValue())
                    .body("[0].decision", nullValue());
            given().get("/api/fixes/" + fixId).then().statusCode(200)
                    .body("evidence.figures.'observed.p95Ms'", equalTo(492.0f))
                    .body("evidence.details.'observed.version'", equalTo("1.4.2"))
                    .body("candidates[0].kind", equalTo("RELEASE"))
                    .body("candidates[0].version", equalTo("1.4.2"))
                    .body("candidates[0].explanation", notNullValue())
                    .body("action.type", equalTo("ROLLBACK"))
                    .body("action.parameters.toVersion", equalTo("1.4.1"))
                    .body("actions", hasSize(1))
                    .body("artifacts.kind", hasItem("DOC_NOTE"))
                    .body("validationPlan", hasItem(startsWith("After rollout: ")))
                    .body("validation.find { it.check == 'policy' }.status", equalTo("PASSED"))
                    .body("validation.find { it.check == 'server-side dry run' }.status", equalTo("SKIPPED"))
                    .body("decisions", empty())
                    .body("rollout", nullValue())
                    .body("steps.status", equalTo(List.of("PENDING_APPROVAL")));

            ConsumerRecord<String, String> proposed = poll(fixEvents, fixId, 1).get(0);
            assertThat(header(proposed, "ce_type")).isEqualTo("dev.selfheal.fix.pending-approval");
            assertThat(header(proposed, "ce_id")).isEqualTo(fixId + ":PENDING_APPROVAL");
            assertThat(header(proposed, "ce_source")).isEqualTo("/selfheal/healer-service");
            JsonNode proposedEvent = JSON.readTree(proposed.value());
            assertThat(proposedEvent.get("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(proposedEvent.get("actor").asText()).isEqualTo("selfheal");
            assertThat(proposedEvent.get("anomalyId").asText()).isEqualTo(anomaly.anomalyId());
            assertThat(proposedEvent.get("playbook").asText()).isEqualTo("release.rollback");
            assertThat(proposedEvent.get("risk").asText()).isEqualTo("MEDIUM");
            assertThat(proposedEvent.get("incidentId").asText()).isEqualTo(anomaly.incidentId());

            Map<String, String> approve = Map.of("decision", "APPROVE", "comment", "1.4.2 doubled p95, roll back");
            given().contentType(ContentType.JSON).body(approve).post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(401).contentType(PROBLEM)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
            given().auth().oauth2(token("mallory", Set.of("approver"), "https://evil.example/issuer"))
                    .contentType(ContentType.JSON).body(approve).post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", startsWith("Bearer"));
            given().auth().oauth2(token("bob", Set.of("viewer"))).contentType(ContentType.JSON).body(approve)
                    .post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("approver"));
            given().get("/api/fixes/" + fixId).then().body("status", equalTo("PENDING_APPROVAL"));

            given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON).body(approve)
                    .post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(200)
                    .body("status", equalTo("ROLLED_OUT"))
                    .body("decisions", hasSize(1))
                    .body("decisions[0].decision", equalTo("APPROVE"))
                    .body("decisions[0].decidedBy", equalTo("alice"))
                    .body("decisions[0].comment", equalTo("1.4.2 doubled p95, roll back"))
                    .body("rollout.targetKind", equalTo("Deployment"))
                    .body("rollout.namespace", equalTo("default"))
                    .body("rollout.target", equalTo(service))
                    .body("rollout.action", equalTo("ROLLBACK"))
                    .body("rollout.parameters.toVersion", equalTo("1.4.1"))
                    .body("rollout.mode", equalTo("record-only"))
                    .body("rollout.outcome", equalTo("SUCCEEDED"))
                    .body("rollout.completedAt", notNullValue())
                    .body("verification.watchFrom", notNullValue())
                    .body("verification.watchUntil", notNullValue())
                    .body("steps.status", equalTo(List.of("PENDING_APPROVAL", "APPROVED", "ROLLED_OUT")))
                    .body("steps[1].actor", equalTo("alice"))
                    .body("steps[2].actor", equalTo("selfheal"));

            given().get("/api/fixes/" + fixId + "/audit").then().statusCode(200)
                    .body("kind", equalTo(List.of("TRANSITION", "DECISION", "TRANSITION", "TRANSITION")))
                    .body("toStatus", equalTo(java.util.Arrays.asList("PENDING_APPROVAL", null, "APPROVED", "ROLLED_OUT")))
                    .body("[1].actor", equalTo("alice"))
                    .body("[1].decision", equalTo("APPROVE"))
                    .body("[1].comment", equalTo("1.4.2 doubled p95, roll back"))
                    .body("[1].at", notNullValue())
                    .body("[3].actor", equalTo("selfheal"))
                    .body("[3].comment", containsString("Recorded, not applied: Roll " + service + " back to 1.4.1"));

            List<ConsumerRecord<String, String>> transitions = poll(fixEvents, fixId, 2);
            assertThat(transitions).extracting(r -> header(r, "ce_type"))
                    .containsExactly("dev.selfheal.fix.approved", "dev.selfheal.fix.rolled-out");
            assertThat(transitions).extracting(r -> header(r, "ce_id"))
                    .containsExactly(fixId + ":APPROVED", fixId + ":ROLLED_OUT");
            JsonNode approved = JSON.readTree(transitions.get(0).value());
            assertThat(approved.get("actor").asText()).isEqualTo("alice");
            assertThat(approved.get("comment").asText()).isEqualTo("1.4.2 doubled p95, roll back");
            JsonNode rolledOut = JSON.readTree(transitions.get(1).value());
            assertThat(rolledOut.get("actor").asText()).isEqualTo("selfheal");
            assertThat(rolledOut.get("docNote").asText()).contains(service);

            // detector-service cannot be asked here, so after the window and one more the verdict rests on the
            // anomalies alone: none of this problem came back, so the fix is verified and the ledger learns it.
            awaitStatus(fixId, "VERIFIED");
            given().get("/api/fixes/" + fixId).then()
                    .body("steps.status", equalTo(List.of("PENDING_APPROVAL", "APPROVED", "ROLLED_OUT", "VERIFIED")))
                    .body("verification.concludedAt", notNullValue())
                    .body("verification.conclusion", containsString("anomalies alone"));
            ConsumerRecord<String, String> verified = poll(fixEvents, fixId, 1).get(0);
            assertThat(header(verified, "ce_type")).isEqualTo("dev.selfheal.fix.verified");
            given().get("/api/ledger").then().statusCode(200)
                    .body("playbooks.find { it.key == 'release.rollback' }.successes", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

            given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                    .body(Map.of("decision", "REJECT")).post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("VERIFIED"));
        }
    }

    @Test
    void redeliveredAnomalyCreatesNoSecondProposal() throws Exception {
        String service = "cart-" + suffix();
        AnomalyDetected anomaly = performance(service, "2.0.0", "2.0.0");
        String eventId = anomaly.anomalyId();
        produce(kafka, eventId, anomaly);
        String first = awaitFixes(service, 1).get(0);

        produce(kafka, eventId, anomaly);
        // A later anomaly on the same partition (same key) is processed after the redelivery.
        AnomalyDetected later = performance(service, "2.0.0", "2.0.0");
        produce(kafka, later.anomalyId(), later);

        List<String> fixes = awaitFixes(service, 2);
        assertThat(fixes).containsExactlyInAnyOrder(first, FixMapper.fixId(later.anomalyId()));
        given().get("/api/fixes/" + first + "/audit").then().body("", hasSize(1));
    }

    @Test
    void rejectedProposalIsRecordedWithTheApproverAndPublished() throws Exception {
        String service = "search-" + suffix();
        AnomalyDetected anomaly = performance(service, "3.1.0", "3.1.0");

        try (KafkaConsumer<String, String> fixEvents = kafka.subscribe(FIXES_TOPIC)) {
            produce(kafka, anomaly.anomalyId(), anomaly);
            String fixId = awaitFixes(service, 1).get(0);
            given().get("/api/fixes/" + fixId).then()
                    .body("playbook", equalTo("performance.handler-timeout"))
                    .body("candidates[0].kind", equalTo("HANDLER_CODE"));

            given().auth().oauth2(token("carol", Set.of("approver", "viewer"))).contentType(ContentType.JSON)
                    .body(Map.of("decision", "REJECT", "comment", "  a load test is running  "))
                    .post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(200)
                    .body("status", equalTo("REJECTED"))
                    .body("rollout", nullValue())
                    .body("decisions[0].decidedBy", equalTo("carol"))
                    .body("decisions[0].comment", equalTo("a load test is running"));

            given().queryParam("status", "REJECTED").queryParam("service", service).get("/api/fixes").then()
                    .body("id", equalTo(List.of(fixId)))
                    .body("[0].decision.decidedBy", equalTo("carol"));
            given().queryParam("status", "PENDING_APPROVAL").queryParam("service", service).get("/api/fixes").then()
                    .body("", empty());
            given().get("/api/fixes/" + fixId + "/audit").then()
                    .body("kind", equalTo(List.of("TRANSITION", "DECISION", "TRANSITION")))
                    .body("[2].toStatus", equalTo("REJECTED"))
                    .body("[2].actor", equalTo("carol"));

            List<ConsumerRecord<String, String>> events = poll(fixEvents, fixId, 2);
            assertThat(header(events.get(1), "ce_type")).isEqualTo("dev.selfheal.fix.rejected");
            JsonNode rejected = JSON.readTree(events.get(1).value());
            assertThat(rejected.get("actor").asText()).isEqualTo("carol");
            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");

            given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                    .body(Map.of("decision", "APPROVE")).post("/api/fixes/" + fixId + "/approval")
                    .then().statusCode(409).contentType(PROBLEM);
        }
    }

    @Test
    void badRequestsAreProblemsThatNameTheField() throws Exception {
        String service = "payments-" + suffix();
        AnomalyDetected anomaly = new AnomalyDetected("anomaly-" + UUID.randomUUID(), Capability.ERROR, service,
                "7.0.1", "POST /pay", Instant.now(), 9.5, Severity.HIGH, "error rate rose to 9.5%",
                new Evidence(Map.of("errorRate", 0.095), Map.of("signature", "IllegalStateException"), List.of("t-9")));
        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);
        given().get("/api/fixes/" + fixId).then().body("playbook", equalTo("error.exception-mapper"))
                .body("candidates[0].kind", equalTo("ERROR_ORIGIN"))
                .body("diagnosis", containsString("POST /pay"));
        String approver = token("alice", Set.of("approver"));
        String approval = "/api/fixes/" + fixId + "/approval";

        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("decision", "MAYBE"))
                .post(approval).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("decision")).body("detail", containsString("MAYBE"));
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("comment", "no decision"))
                .post(approval).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("decision"));
        given().auth().oauth2(approver).contentType(ContentType.JSON)
                .post(approval).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("body"));
        given().auth().oauth2(approver)
                .post(approval).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("body"));
        given().auth().oauth2(approver).contentType(ContentType.TEXT).body("APPROVE")
                .post(approval).then().statusCode(415).contentType(PROBLEM);
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{\"decision\": ")
                .post(approval).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(approver).contentType(ContentType.JSON).body("{\"decision\": {\"x\": 1}}")
                .post(approval).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("decision"));
        given().auth().oauth2(approver).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE", "comment", "x".repeat(2001)))
                .post(approval).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("comment"));
        given().get("/api/fixes/" + fixId + "/audit").then().body("", hasSize(1));

        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post("/api/fixes/no-such-fix/approval").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/fixes/no-such-fix").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/fixes/no-such-fix/audit").then().statusCode(404).contentType(PROBLEM);
        given().queryParam("status", "DONE").get("/api/fixes").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 0).get("/api/fixes").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unreadableAnomalyGoesToTheDeadLetterTopic() {
        String key = "unreadable-" + suffix();
        try (KafkaConsumer<String, String> dlq = kafka.subscribe("selfheal.anomalies.v1.healer.dlq")) {
            kafka.send(anomalyEvent(key, key, "{not json"));
            assertThat(poll(dlq, key, 1)).hasSize(1);
        }
    }

    @Test
    void auditTrailCannotBeChangedOrDeleted() throws Exception {
        String service = "ledger-" + suffix();
        AnomalyDetected anomaly = performance(service, "1.0", "1.1");
        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);

        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate(
                    "update healer.audit_entry set actor = 'someone-else' where fix_id = '" + fixId + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from healer.audit_entry where fix_id = '" + fixId + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("truncate healer.audit_entry cascade"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        given().get("/api/fixes/" + fixId + "/audit").then().body("[0].actor", equalTo("selfheal"));
    }

    @Test
    void dashboardApiDescriptionAndMetricsAreServed() throws Exception {
        String service = "metrics-" + suffix();
        AnomalyDetected anomaly = performance(service, "1.0", "1.0");
        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);
        given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECT")).post("/api/fixes/" + fixId + "/approval").then().statusCode(200);

        given().get("/").then().statusCode(200).body(containsString("Selfheal · healer"))
                .body(containsString("/_selfheal/app.js"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/fixes/{id}/approval"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("selfheal_healer_proposals_total{playbook=\"performance.handler-timeout\""))
                .body(containsString("selfheal_healer_decisions_total{outcome=\"reject\""));
    }
}
