package dev.selfheal.healer.fix;

import static dev.selfheal.healer.fix.HealerApi.FIXES_TOPIC;
import static dev.selfheal.healer.fix.HealerApi.JSON;
import static dev.selfheal.healer.fix.HealerApi.PROBLEM;
import static dev.selfheal.healer.fix.HealerApi.again;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

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
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loop after a proposal: approvals by as many people as the risk needs, a branch with the code pushed to the
 * service's repository, verification and automatic rollback, expiry, and the ledger that lets an operator's
 * enabled playbook run unattended once it has earned it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtKeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HealerTestResource.class, scope = TestResourceScope.GLOBAL)
class HealingLoopTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

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
    void aCodeFixIsHighRiskNeedsTwoDistinctApproversAndIsPushedAsABranch() throws Exception {
        String service = HealerTestResource.SOURCE_SERVICE;
        AnomalyDetected anomaly = new AnomalyDetected("anomaly-" + UUID.randomUUID(), Capability.DEPENDENCY, service,
                "1.5.0", "inventory:8080", Instant.now(), 0.4, Severity.HIGH,
                "40 % of calls from orders to inventory:8080 fail (baseline 1 %)",
                new Evidence(Map.of("baseline.rate", 0.01, "observed.rate", 0.4, "baseline.p99Ms", 120.0),
                        Map.of("errorType", "java.net.ConnectException"), List.of()),
                "incident-" + suffix(), "failing");
        String alice = token("alice", Set.of("approver"));
        String bob = token("bob", Set.of("approver"));
        Map<String, String> approve = Map.of("decision", "APPROVE", "comment", "inventory is flapping");

        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);
        JsonPath fix = given().get("/api/fixes/" + fixId).then().statusCode(200)
                .body("playbook", equalTo("dependency.circuit-breaker"))
                .body("risk", equalTo("HIGH"))
                .body("approvalsRequired", equalTo(2))
                .body("sourceCommit", notNullValue())
                // No telemetry can be read here, so there are no recorded calls to generate a test from.
                .body("artifacts.kind", equalTo(List.of("CODE_DIFF", "DOC_NOTE")))
                .body("validation.find { it.check.startsWith('patch') }.status", equalTo("PASSED"))
                .extract().jsonPath();
        String diff = fix.getString("artifacts[0].content");
        assertThat(diff).contains("+    @CircuitBreaker(", "InventoryClient.java");

        given().auth().oauth2(alice).contentType(ContentType.JSON).body(approve)
                .post("/api/fixes/" + fixId + "/approval").then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL")).body("approvals", equalTo(1))
                .body("decisions[0].decidedBy", equalTo("alice"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(approve)
                .post("/api/fixes/" + fixId + "/approval").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("someone else"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(approve)
                .post("/api/fixes/" + fixId + "/approval").then().statusCode(200)
                .body("status", equalTo("ROLLED_OUT"))
                .body("approvals", equalTo(2))
                .body("rollout.mode", equalTo("record-only+git"))
                .body("steps[1].note", containsString("approval 2 of 2"));

        JsonPath rolledOut = given().get("/api/fixes/" + fixId).jsonPath();
        String branch = rolledOut.getString("rollout.detail").replaceAll(".*Pushed branch (\\S+) .*", "$1");
        try (Git bare = Git.open(HealerTestResource.bareRepository().toFile())) {
            Repository repo = bare.getRepository();
            ObjectId head = repo.resolve("refs/heads/" + branch);
            assertThat(head).as("branch %s in the bare repository", branch).isNotNull();
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(head);
                assertThat(commit.getFullMessage()).contains(fixId, "dependency.circuit-breaker");
                assertThat(read(repo, commit, "orders/src/main/java/com/acme/orders/InventoryClient.java"))
                        .contains("@CircuitBreaker(");
                assertThat(read(repo, commit, fix.getString("artifacts[1].path"))).contains(service);
            }
        }
    }

    @Test
    void aProblemThatComesBackAfterTheRolloutIsRolledBackAndTheLedgerLearnsItFailed() throws Exception {
        String service = "catalog-" + suffix();
        AnomalyDetected anomaly = performance(service, "2.3.0", "2.4.0");
        try (KafkaConsumer<String, String> fixEvents = kafka.subscribe(FIXES_TOPIC)) {
            produce(kafka, anomaly.anomalyId(), anomaly);
            String fixId = awaitFixes(service, 1).get(0);
            given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                    .body(Map.of("decision", "APPROVE")).post("/api/fixes/" + fixId + "/approval").then()
                    .statusCode(200).body("status", equalTo("ROLLED_OUT"));
            Instant watchFrom = Instant.parse(given().get("/api/fixes/" + fixId).jsonPath()
                    .getString("verification.watchFrom"));

            // The detector announces the same problem again (a new incident) after the change settled.
            AnomalyDetected back = again(anomaly, watchFrom.plusMillis(500));
            produce(kafka, back.anomalyId(), back);

            awaitStatus(fixId, "ROLLED_BACK");
            given().get("/api/fixes/" + fixId).then()
                    .body("steps.status", equalTo(List.of("PENDING_APPROVAL", "APPROVED", "ROLLED_OUT", "ROLLED_BACK")))
                    .body("verification.recurredAt", notNullValue())
                    .body("verification.conclusion", containsString("came back"))
                    .body("verification.conclusion", containsString("Rolled back"));
            List<ConsumerRecord<String, String>> events = poll(fixEvents, fixId, 4);
            assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly("dev.selfheal.fix.pending-approval",
                    "dev.selfheal.fix.approved", "dev.selfheal.fix.rolled-out", "dev.selfheal.fix.rolled-back");
            JsonNode outcome = JSON.readTree(events.get(3).value());
            assertThat(outcome.get("incidentId").asText()).isEqualTo(anomaly.incidentId());
            given().get("/api/ledger").then().statusCode(200)
                    .body("services.find { it.key == '" + service + "' }.failures", equalTo(1))
                    .body("services.find { it.key == '" + service + "' }.successes", equalTo(0));
        }
    }

    @Test
    void aProposalNobodyDecidesExpiresAndCanNoLongerBeApproved() throws Exception {
        String service = "shipping-" + suffix();
        AnomalyDetected anomaly = performance(service, "5.0.0", "5.0.1");
        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);

        // A day passes: the proposal's expiry moves into the past, as time would move it.
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                Statement sql = db.createStatement()) {
            sql.executeUpdate("update healer.fix_proposal set expires_at = now() - interval '1 second' where id = '"
                    + fixId + "'");
        }

        awaitStatus(fixId, "EXPIRED");
        given().get("/api/fixes/" + fixId + "/audit").then()
                .body("toStatus", hasItem("EXPIRED"))
                .body("find { it.toStatus == 'EXPIRED' }.actor", equalTo("selfheal"));
        given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE")).post("/api/fixes/" + fixId + "/approval").then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("EXPIRED"));
    }

    @Test
    void anEnabledPlaybookRunsUnattendedOnlyOnceItsSuccessRateClearsTheBar() throws Exception {
        String playbook = "performance.handler-timeout";
        String operator = token("olga", Set.of("operator"));
        given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                .body(Map.of("unattended", true)).put("/api/ledger/playbooks/" + playbook).then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("unattended", true))
                .put("/api/ledger/playbooks/no-such-playbook").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of())
                .put("/api/ledger/playbooks/" + playbook).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("unattended"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("unattended", true))
                .put("/api/ledger/playbooks/" + playbook).then().statusCode(200)
                .body("key", equalTo(playbook)).body("unattendedEnabled", equalTo(true));

        // Enabled, but no record yet: people still approve, and each verified fix adds to the record.
        for (int i = 0; i < 2; i++) {
            String service = "search-" + suffix();
            AnomalyDetected anomaly = performance(service, "3.1.0", "3.1.0");
            produce(kafka, anomaly.anomalyId(), anomaly);
            String fixId = awaitFixes(service, 1).get(0);
            given().get("/api/fixes/" + fixId).then().body("playbook", equalTo(playbook))
                    .body("unattended", equalTo(false)).body("status", equalTo("PENDING_APPROVAL"));
            given().auth().oauth2(token("alice", Set.of("approver"))).contentType(ContentType.JSON)
                    .body(Map.of("decision", "APPROVE")).post("/api/fixes/" + fixId + "/approval").then()
                    .statusCode(200);
            awaitStatus(fixId, "VERIFIED");
        }
        given().get("/api/ledger").then().statusCode(200)
                .body("playbooks.find { it.key == '" + playbook + "' }.successes", equalTo(2))
                .body("playbooks.find { it.key == '" + playbook + "' }.unattendedAllowed", equalTo(true))
                .body("playbooks.find { it.key == '" + playbook + "' }.medianSecondsToFix", notNullValue())
                .body("unattendedMinOutcomes", equalTo(2));

        String service = "search-" + suffix();
        AnomalyDetected anomaly = performance(service, "3.1.0", "3.1.0");
        produce(kafka, anomaly.anomalyId(), anomaly);
        String fixId = awaitFixes(service, 1).get(0);
        awaitStatus(fixId, "VERIFIED");
        given().get("/api/fixes/" + fixId).then()
                .body("unattended", equalTo(true))
                .body("decisions", hasSize(0))
                .body("steps[1].status", equalTo("APPROVED"))
                .body("steps[1].actor", equalTo("selfheal"))
                .body("steps[1].note", containsString("unattended"));

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("unattended", false))
                .put("/api/ledger/playbooks/" + playbook).then().statusCode(200)
                .body("unattendedEnabled", equalTo(false)).body("unattendedAllowed", equalTo(false));
    }

    private static String read(Repository repo, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            assertThat(walk).as("%s in %s", path, commit.name()).isNotNull();
            return new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
