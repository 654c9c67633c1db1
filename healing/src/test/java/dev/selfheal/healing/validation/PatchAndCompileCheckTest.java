package dev.selfheal.healing.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.healing.code.ExceptionMapperWriter;
import dev.selfheal.healing.code.FaultToleranceEditor;
import dev.selfheal.healing.code.FaultToleranceSettings;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.RecordedCall;
import dev.selfheal.healing.code.ReproductionTests;
import dev.selfheal.healing.code.RestClient;
import dev.selfheal.healing.code.SampleService;
import dev.selfheal.healing.code.SourceTree;
import dev.selfheal.healing.code.TestTarget;
import dev.selfheal.healing.playbook.Artifact;
import dev.selfheal.healing.validation.ValidationResult.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchAndCompileCheckTest {

    @TempDir
    Path dir;

    @Test
    void anEditAndAGeneratedTestApplyAndCompile() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        Artifact diff = FaultToleranceEditor.annotate(tree, RestClient.find(tree, "inventory:8080").orElseThrow(),
                Optional.empty(), FaultToleranceSettings.fromEvidence(Map.of(), true)).orElseThrow().toArtifact();
        HandlerMethod handler = HandlerMethod.find(tree, "POST /orders").orElseThrow();
        Artifact mapper = ExceptionMapperWriter.write(tree, "com.acme.orders.OutOfStockException", handler, "Seen.")
                .orElseThrow().toArtifact();
        RecordedCall call = RecordedCall.from(new SpanRecorded("orders", "1.4.0", "t1", "s1", null, "POST /orders",
                Instant.EPOCH, 12, SpanStatus.ERROR, Map.of("http.request.method", "POST", "url.path", "/orders",
                        "http.response.status_code", "500", "http.request.body", "{\"sku\":\"A-1\",\"quantity\":3}"),
                SpanKind.SERVER, null)).orElseThrow();
        TestTarget target = TestTarget.of(Optional.of(handler), "orders", "POST /orders", "ErrorTest");
        Artifact status = ReproductionTests.statusTest(target, "Out of stock answers 409.",
                List.of(new ReproductionTests.Expectation(call, 409)), 2000);
        Artifact flow = ReproductionTests.flowTest(TestTarget.of(Optional.of(handler), "orders", "POST /orders",
                "FlowTest"), "The order flow.", List.of(new ReproductionTests.Expectation(call, 201)),
                List.of("POST /orders", "POST /stock/reservations/{orderId}"), 2000);
        List<Artifact> artifacts = List.of(diff, mapper, status, flow);

        assertThat(PatchCheck.check(tree.root(), artifacts)).extracting(ValidationResult::status)
                .containsExactly(Status.PASSED, Status.PASSED);
        List<ValidationResult> compiled = CompileCheck.check(tree.root(), artifacts, SampleService.classpath());
        assertThat(compiled).singleElement().satisfies(r -> assertThat(r.status()).as(r.detail())
                .isEqualTo(Status.PASSED));
    }

    @Test
    void aDiffThatNoLongerMatchesIsAConflict() throws Exception {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        Artifact diff = FaultToleranceEditor.annotate(tree, RestClient.find(tree, "inventory:8080").orElseThrow(),
                Optional.empty(), FaultToleranceSettings.fromEvidence(Map.of(), true)).orElseThrow().toArtifact();
        Path client = tree.resolve(diff.path());
        java.nio.file.Files.writeString(client, java.nio.file.Files.readString(client)
                .replace("@Path(\"/reservations/{orderId}\")", "@Path(\"/reservations/{id}\")")
                .replace("int available", "long available"));

        List<ValidationResult> results = PatchCheck.check(tree.root(), List.of(diff));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.check()).isEqualTo("patch " + diff.path());
        });
    }

    @Test
    void aDiffForAMissingFileOrNoDiffAtAllFails() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        Artifact missing = new Artifact(Artifact.Kind.CODE_DIFF, "x/Nope.java",
                "--- a/x/Nope.java\n+++ b/x/Nope.java\n@@ -1,1 +1,1 @@\n-a\n+b\n", "edit");
        Artifact garbage = new Artifact(Artifact.Kind.CODE_DIFF, "x/Nope.java", "not a diff\n", "edit");

        assertThat(PatchCheck.check(tree.root(), List.of(missing, garbage))).extracting(ValidationResult::status)
                .containsOnly(Status.FAILED);
    }

    @Test
    void aCompileErrorIsReportedWithItsFileAndLine() {
        Artifact broken = new Artifact(Artifact.Kind.TEST, "src/test/java/x/BrokenTest.java",
                "package x;\nclass BrokenTest {\n    int x = \"text\";\n}\n", "broken");

        List<ValidationResult> results = CompileCheck.check(null, List.of(broken), SampleService.classpath());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.detail()).contains("src/test/java/x/BrokenTest.java:3");
        });
    }

    @Test
    void withoutAClasspathCompilingIsSkippedAndTheFilesParsed() {
        Artifact test = new Artifact(Artifact.Kind.TEST, "src/test/java/x/ATest.java",
                "package x;\nclass ATest {\n}\n", "a test");

        List<ValidationResult> results = CompileCheck.check(null, List.of(test), List.of());

        assertThat(results).extracting(ValidationResult::status).containsExactly(Status.SKIPPED, Status.PASSED);
        assertThat(results.get(0).detail()).contains("no classpath");
    }
}
