package dev.selfheal.bench;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.healing.diagnosis.Diagnoser;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.TraceSample;
import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.PlaybookContext;
import dev.selfheal.healing.playbook.Playbooks;
import dev.selfheal.healing.validation.CompileCheck;
import dev.selfheal.healing.validation.PatchCheck;
import dev.selfheal.healing.validation.ValidationResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the healer spends on one proposal, step by step: the diagnosis of a latency anomaly from 20 observed and 20
 * baseline traces (a caller and the callee whose own time grew), the circuit-breaker playbook editing a real source
 * tree (healing's sample service: finding the REST client, the JavaParser edit, the unified diff, the generated
 * test and note), and the validation of that plan (the patch applied, the edited source and test compiled in
 * memory with javax.tools). Reported in milliseconds per proposal step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProposalBenchmark {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final int TRACES = 20;

    private final Diagnoser diagnoser = new Diagnoser();
    private final Playbooks playbooks = Playbooks.standard();
    private AnomalyDetected latency;
    private TraceSample latencyTraces;
    private Diagnosis dependency;
    private TraceSample dependencyTraces;
    private Path tree;
    private FixPlan plan;
    private List<Path> classpath;

    @Setup
    public void prepare() throws IOException {
        latency = new AnomalyDetected("a-1", Capability.PERFORMANCE, "web", "1.0.0", "GET /product", T0, 4, Severity.HIGH,
                "p95 4x", new Evidence(Map.of("baseline.p95Ms", 20.0, "observed.p95Ms", 80.0), Map.of(), List.of()),
                "i-1", "latency");
        latencyTraces = new TraceSample(traces(40, "2.1.0"), traces(5, "2.0.0"));
        AnomalyDetected failing = new AnomalyDetected("a-2", Capability.DEPENDENCY, "orders", "1.5.0",
                "inventory:8080", T0, 0.4, Severity.HIGH, "40 % of calls fail",
                new Evidence(Map.of("baseline.rate", 0.01, "observed.rate", 0.4, "baseline.p99Ms", 120.0), Map.of(),
                        List.of()), "i-2", "failing");
        dependencyTraces = new TraceSample(orders(true), orders(false));
        dependency = diagnoser.diagnose(failing, dependencyTraces);
        tree = Files.createTempDirectory("selfheal-bench-source");
        copy(Path.of(System.getProperty("selfheal.sample-service", "healing/src/test/resources/sample-service")), tree);
        plan = circuitBreaker();
        if (plan.artifacts().stream().noneMatch(a -> a.kind() == dev.selfheal.healing.playbook.Artifact.Kind.CODE_DIFF)) {
            throw new IllegalStateException("the playbook made no code change: " + plan.change());
        }
        classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .toList();
        List<ValidationResult> checks = validate();
        if (!ValidationResult.noneFailed(checks)) {
            throw new IllegalStateException("the plan does not validate: " + checks);
        }
    }

    @Benchmark
    public Diagnosis diagnoseLatencyFrom40Traces() {
        return diagnoser.diagnose(latency, latencyTraces);
    }

    @Benchmark
    public FixPlan circuitBreaker() {
        return playbooks.propose(dependency, new PlaybookContext(tree, dependencyTraces, "orders", 2, 3)).get(0);
    }

    @Benchmark
    public List<ValidationResult> validate() {
        List<ValidationResult> results = new ArrayList<>(PatchCheck.check(tree, plan.artifacts()));
        results.addAll(CompileCheck.check(tree, plan.artifacts(), classpath));
        return results;
    }

    /** web GET /product calling catalog GET /products/{id}, whose own time is {@code catalogMs}. */
    private static List<List<SpanRecorded>> traces(double catalogMs, String catalogVersion) {
        List<List<SpanRecorded>> traces = new ArrayList<>();
        for (int i = 0; i < TRACES; i++) {
            String trace = String.format("%032x", i + (long) catalogMs * 1000);
            Instant at = T0.plusSeconds(i);
            traces.add(List.of(
                    new SpanRecorded("web", "1.0.0", trace, "a" + i, null, "GET /product", at, 10 + catalogMs + 2,
                            SpanStatus.OK, Map.of(), SpanKind.SERVER, null),
                    new SpanRecorded("web", "1.0.0", trace, "b" + i, "a" + i, "GET", at.plusMillis(5), catalogMs + 2,
                            SpanStatus.OK, Map.of("server.address", "catalog"), SpanKind.CLIENT, null),
                    new SpanRecorded("catalog", catalogVersion, trace, "c" + i, "b" + i, "GET /products/{id}",
                            at.plusMillis(6), catalogMs, SpanStatus.OK, Map.of(), SpanKind.SERVER, null)));
        }
        return traces;
    }

    /** orders POST /orders calling inventory:8080, failing or not, with the request recorded. */
    private static List<List<SpanRecorded>> orders(boolean failing) {
        List<List<SpanRecorded>> traces = new ArrayList<>();
        for (int i = 0; i < TRACES; i++) {
            String trace = String.format("%032x", i + (failing ? 5000 : 0));
            Instant at = T0.plusSeconds(i);
            boolean fails = failing && i % 2 == 0;
            traces.add(List.of(
                    new SpanRecorded("orders", "1.5.0", trace, "s" + i, null, "POST /orders", at, 30,
                            fails ? SpanStatus.ERROR : SpanStatus.OK, Map.of("http.request.method", "POST",
                            "url.path", "/orders", "http.response.status_code", fails ? "503" : "201",
                            "http.request.body", "{\"sku\":\"A\",\"quantity\":1}"), SpanKind.SERVER, null),
                    new SpanRecorded("orders", "1.5.0", trace, "c" + i, "s" + i, "POST", at.plusMillis(2), 20,
                            fails ? SpanStatus.ERROR : SpanStatus.OK, Map.of("http.request.method", "POST",
                            "url.full", "http://inventory:8080/stock/reservations/7", "server.address", "inventory",
                            "server.port", "8080"), SpanKind.CLIENT, null)));
        }
        return traces;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
