package dev.selfheal.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.selfheal.infra.DevTokens;
import dev.selfheal.infra.EmbeddedKafka;
import dev.selfheal.infra.EmbeddedPostgreSql;
import dev.selfheal.infra.FreePorts;
import dev.selfheal.workload.ShopWorkload;
import dev.selfheal.workload.TelemetryClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole loop across the four packaged services, each in its own process, on one real Kafka broker and one
 * real PostgreSQL: telemetry with a latency regression goes in; an anomaly, a fix proposal, a refused anonymous
 * approval, an approver's recorded approval, a rollout and the regenerated documentation come out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfhealLoopIT {

    private static final Duration LOOP_TIMEOUT = Duration.ofSeconds(120);

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgreSql postgres;
    private static DevTokens tokens;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess telemetry;
    private static ServiceProcess detector;
    private static ServiceProcess healer;
    private static ServiceProcess docs;
    private static Path root;
    private static Path logs;
    private static final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void startTheSystem() throws Exception {
        root = Path.of(System.getProperty("selfheal.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(root.resolve("e2e-tests/target/e2e"));
        logs = Files.createDirectories(work.resolve("logs"));
        kafka = EmbeddedKafka.start(Files.createTempDirectory("e2e-kafka"), 0);
        postgres = EmbeddedPostgreSql.start(Files.createTempDirectory("e2e-pg"), 0);
        tokens = DevTokens.in(work.resolve("keys"));

        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DB_URL", postgres.reactiveUrl());
        env.put("DB_USER", EmbeddedPostgreSql.USER);
        env.put("DB_PASSWORD", EmbeddedPostgreSql.PASSWORD);
        env.put("JWT_PUBLIC_KEY_LOCATION", tokens.publicKeyFile().toString());
        env.put("JWT_ISSUER", DevTokens.ISSUER);

        telemetry = start(root, "telemetry-service", env, logs);
        detector = start(root, "detector-service", env, logs);
        // The healer reads traces to diagnose and incidents to verify; a rolled-out fix is watched for 10 s here,
        // not 10 min.
        Map<String, String> healerEnv = new HashMap<>(env);
        healerEnv.put("TELEMETRY_URL", telemetry.url());
        healerEnv.put("DETECTOR_URL", detector.url());
        healerEnv.put("FIXES_VERIFY_SETTLE", "2s");
        healerEnv.put("FIXES_VERIFY_WINDOW", "10s");
        healerEnv.put("FIXES_CHECK_EVERY", "1s");
        healer = start(root, "healer-service", healerEnv, logs);
        docs = start(root, "docs-service", env, logs);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    private static ServiceProcess start(Path root, String module, Map<String, String> env, Path logs) throws Exception {
        ServiceProcess service = ServiceProcess.start(root, module, FreePorts.pick(0), env, logs);
        services.add(service);
        return service;
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void latencyRegressionIsDetectedProposedApprovedRolledOutAndDocumented() throws Exception {
        sendWorkload();

        JsonPath anomaly = awaitJson(detector, "/api/anomalies?service=checkout",
                json -> json.getList("findAll { it.handler == 'POST /orders' }").size() > 0);
        Map<String, Object> regression = anomaly.getMap("find { it.handler == 'POST /orders' }");
        assertThat(regression).containsEntry("capability", "PERFORMANCE").containsEntry("version", "1.1.0");

        JsonPath proposals = awaitJson(healer, "/api/fixes?service=checkout",
                json -> json.getList("findAll { it.status == 'PENDING_APPROVAL' && it.handler == 'POST /orders' }").size() > 0);
        Map<String, Object> fix = proposals.getMap("find { it.status == 'PENDING_APPROVAL' && it.handler == 'POST /orders' }");
        String fixId = (String) fix.get("id");
        assertThat((String) fix.get("diagnosis")).contains("1.1.0").doesNotContain("Read 0 observed");
        JsonPath proposal = awaitJson(healer, "/api/fixes/" + fixId, json -> true);
        assertThat(proposal.getString("candidates[0].kind")).isEqualTo("RELEASE");
        assertThat(proposal.getString("candidates[0].version")).isEqualTo("1.1.0");
        assertThat(proposal.getString("playbook")).isEqualTo("release.rollback");
        assertThat(proposal.getString("action.parameters.toVersion")).isEqualTo("1.0.0");
        assertThat(proposal.getList("validation.status", String.class)).doesNotContain("FAILED");

        given().contentType(ContentType.JSON).body(Map.of("decision", "APPROVE", "comment", "anonymous"))
                .when().post(healer.url() + "/api/fixes/" + fixId + "/approval")
                .then().statusCode(401);
        String viewer = tokens.token("mallory", Set.of("viewer"), Duration.ofMinutes(10));
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .when().post(healer.url() + "/api/fixes/" + fixId + "/approval")
                .then().statusCode(403);

        String approver = tokens.token("alice", Set.of("approver"), Duration.ofMinutes(10));
        given().auth().oauth2(approver).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE", "comment", "roll back the slow release"))
                .when().post(healer.url() + "/api/fixes/" + fixId + "/approval")
                .then().statusCode(200);

        // After the rollout (back to 1.0.0), orders are fast again: telemetry shows the handler in use and
        // detector-service's incident stays quiet for the verification window, so the fix is verified, and the
        // outcome confirms the incident at the detector.
        JsonPath rolledOut = awaitJson(healer, "/api/fixes/" + fixId,
                json -> json.getString("verification.watchFrom") != null);
        Instant watchFrom = Instant.parse(rolledOut.getString("verification.watchFrom"));
        await("the change settles").atMost(LOOP_TIMEOUT).until(() -> Instant.now().isAfter(watchFrom.plusSeconds(1)));
        send(new TelemetryClient(telemetry.url()),
                new ShopWorkload(44).traces(ShopWorkload.STEADY, 100, Instant.now().minusSeconds(1), 10));
        JsonPath verified = awaitJson(healer, "/api/fixes/" + fixId, json -> "VERIFIED".equals(json.getString("status")));
        assertThat(verified.getList("steps.status", String.class))
                .containsExactly("PENDING_APPROVAL", "APPROVED", "ROLLED_OUT", "VERIFIED");
        assertThat(verified.getString("verification.conclusion")).contains("No finding of incident");
        awaitJson(detector, "/api/incidents/" + verified.getString("incidentId"),
                json -> "CONFIRMED".equals(json.getString("feedback")));
        given().when().get(healer.url() + "/api/ledger").then().statusCode(200)
                .body("playbooks.find { it.key == 'release.rollback' }.successes", equalTo(1));
        given().when().get(healer.url() + "/api/fixes/" + fixId + "/audit")
                .then().statusCode(200)
                .body(containsString("alice"))
                .body(containsString("roll back the slow release"));

        JsonPath page = awaitJson(docs, "/api/docs/checkout",
                json -> json.getList("fixes.findAll { it.fixId == '" + fixId + "' && it.status == 'VERIFIED' }").size() > 0);
        assertThat(page.getList("handlers.handler", String.class)).contains("POST /orders");
        given().when().get(docs.url() + "/api/docs/checkout.md")
                .then().statusCode(200)
                .body(containsString((String) fix.get("title")));
        given().when().get(telemetry.url() + "/api/services")
                .then().statusCode(200).body("find { it.service == 'checkout' }.service", equalTo("checkout"));
    }

    /**
     * The detectors' baselines survive a restart: after detector-service is stopped and started again, 60 more slow
     * orders are enough for a finding, where a detector starting empty would need 300 baseline samples first.
     */
    @Test
    @Order(2)
    void theDetectorsBaselinesSurviveARestart() throws Exception {
        JsonPath before = awaitJson(detector, "/api/engine", json -> json.getLong("events") > 0
                && json.getString("lastCheckpoint") != null);
        long events = before.getLong("events");
        // Let a checkpoint include everything applied so far.
        Instant applied = Instant.now();
        awaitJson(detector, "/api/engine", json -> json.getString("lastCheckpoint") != null
                && Instant.parse(json.getString("lastCheckpoint")).isAfter(applied.plusSeconds(1)));

        services.remove(detector);
        detector.close();
        detector = start(root, "detector-service", env, logs);
        detector.awaitReady(Duration.ofSeconds(180));
        JsonPath restored = awaitJson(detector, "/api/engine", json -> json.getLong("events") >= events);
        assertThat(restored.getList("detectors", String.class)).contains("performance", "behaviour", "coverage",
                "errors", "state", "dependency", "documentation");

        Instant resent = Instant.now().minusSeconds(10);
        TelemetryClient client = new TelemetryClient(telemetry.url());
        send(client, new ShopWorkload(43).traces(ShopWorkload.REGRESSION, 80, resent, 100));
        awaitJson(detector, "/api/incidents?service=checkout&capability=PERFORMANCE",
                json -> json.getList("findAll { it.handler == 'POST /orders' }.lastSeen", String.class).stream()
                        .anyMatch(seen -> !Instant.parse(seen).isBefore(resent)));
    }

    /** A steady phase on checkout 1.0.0 followed by the slow 1.1.0 release, as a real exporter would send it. */
    private static void sendWorkload() throws Exception {
        TelemetryClient client = new TelemetryClient(telemetry.url());
        ShopWorkload shop = new ShopWorkload(42);
        // 80 s of steady traffic (about 600 orders: the latency baseline needs 300 beyond its 20 s window), then
        // 15 s of the slow release; all in the past, so event time never runs ahead of the wall clock.
        Instant start = Instant.now().minusSeconds(120);
        send(client, shop.traces(ShopWorkload.STEADY, 800, start, 100));
        send(client, shop.traces(ShopWorkload.REGRESSION, 150, start.plusSeconds(80), 100));
    }

    private static void send(TelemetryClient client, List<List<Map<String, Object>>> traces) throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (List<Map<String, Object>> trace : traces) {
            batch.addAll(trace);
            if (batch.size() >= 200) {
                client.send(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            client.send(batch);
        }
    }

    private static JsonPath awaitJson(ServiceProcess service, String path, java.util.function.Predicate<JsonPath> ready) {
        JsonPath[] last = new JsonPath[1];
        await(service.name() + " " + path).atMost(LOOP_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().when().get(service.url() + path);
            if (response.statusCode() != 200) {
                return false;
            }
            last[0] = response.jsonPath();
            return ready.test(last[0]);
        });
        return last[0];
    }
}
