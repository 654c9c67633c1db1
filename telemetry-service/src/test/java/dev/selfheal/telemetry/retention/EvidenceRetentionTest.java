package dev.selfheal.telemetry.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.telemetry.evidence.Resources;
import dev.selfheal.telemetry.evidence.testreport.TestReportRepository;
import dev.selfheal.testing.KafkaResource;
import dev.selfheal.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class EvidenceRetentionTest {

    @Inject
    RetentionService retention;

    @Inject
    TestReportRepository reports;

    @Test
    void supersededEvidenceIsDeletedAndTheLatestOfEachIsKeptWhateverItsAge() throws Throwable {
        String service = "retained-" + UUID.randomUUID();
        String superseded = report(service, "1.0.0", junit("first"));
        String latest = report(service, "1.0.0", junit("second"));
        String otherVersion = report(service, "0.9.0", junit("first"));
        String coverage = report(service, "1.0.0", Resources.bytes("log-mining-jacoco.xml"));
        spec(service, "1.0.0");
        spec(service, "1.1.0");

        // Everything so far was received before this cutoff: only what something newer supersedes goes.
        Instant cutoff = Instant.now().plusSeconds(1);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.purgeEvidence(cutoff)))
                .isGreaterThanOrEqualTo(2);

        assertThat(stored(superseded)).as("a newer JUnit report of 1.0.0 exists").isFalse();
        assertThat(stored(latest)).isTrue();
        assertThat(stored(otherVersion)).as("the only report of 0.9.0").isTrue();
        assertThat(stored(coverage)).as("the only JaCoCo report of 1.0.0").isTrue();
        given().get("/api/specs/" + service + "/1.0.0").then().statusCode(404);
        given().get("/api/specs/" + service + "/1.1.0").then().statusCode(200);
    }

    @Test
    void nothingReceivedAfterTheCutoffIsDeleted() throws Throwable {
        String service = "recent-" + UUID.randomUUID();
        Instant cutoff = Instant.now().minusSeconds(3600);
        String first = report(service, "2.0.0", junit("first"));
        report(service, "2.0.0", junit("second"));
        spec(service, "2.0.0");
        spec(service, "2.1.0");

        VertxContextSupport.subscribeAndAwait(() -> retention.purgeEvidence(cutoff));

        assertThat(stored(first)).isTrue();
        given().get("/api/specs/" + service + "/2.0.0").then().statusCode(200);
    }

    private boolean stored(String reportId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> reports.findById(reportId)))
                != null;
    }

    private static byte[] junit(String name) {
        return ("<testsuite name=\"com.shop.OrderTest\"><testcase name=\"" + name
                + "\" classname=\"com.shop.OrderTest\" time=\"0.1\"/></testsuite>").getBytes(StandardCharsets.UTF_8);
    }

    private static String report(String service, String version, byte[] body) {
        return given().queryParam("service", service).queryParam("version", version).contentType("application/xml")
                .body(body).when().post("/api/test-reports").then().statusCode(202).extract().path("reportId");
    }

    private static void spec(String service, String version) {
        given().queryParam("service", service).queryParam("version", version).contentType("application/json")
                .body(Resources.bytes("healer-service-openapi.json")).when().post("/api/specs").then().statusCode(202);
    }
}
