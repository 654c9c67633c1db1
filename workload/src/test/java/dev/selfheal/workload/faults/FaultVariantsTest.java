package dev.selfheal.workload.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.EvidenceProbe;
import dev.selfheal.workload.shop.Perturbation;
import dev.selfheal.workload.shop.ShopModel;
import dev.selfheal.workload.shop.ShopTraffic;
import dev.selfheal.workload.shop.SpanRecord;
import dev.selfheal.workload.shop.Spans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each variant of each kind, on several seeds (so on several targets): the telemetry of the shop before the fault,
 * during it and after it, checked against what the fault's ground truth says.
 */
class FaultVariantsTest {

    private static final int REQUESTS = 1_000;

    /** The shop's spans before, during and after one fault, with the fault's ground truth and evidence. */
    record Trial(Injection truth, List<SpanRecord> before, List<SpanRecord> during, List<SpanRecord> after,
            Deployment.Evidence evidence) {
    }

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            for (String variant : FaultCatalog.variants(kind)) {
                for (long seed = 1; seed <= 2; seed++) {
                    all.add(Arguments.of(kind, variant, seed));
                }
            }
        }
        return all.stream();
    }

    static Trial trial(FaultKind kind, String variant, long seed) {
        Deployment deployment = new Deployment();
        ShopTraffic traffic = new ShopTraffic(deployment, new SplittableRandom(seed));
        List<SpanRecord> before = Spans.traffic(traffic, Perturbation.NONE, REQUESTS, 0);
        Fault fault = new FaultCatalog(new SplittableRandom(seed * 31)).draw(kind, variant, deployment);
        String previous = deployment.version(fault.service());
        Deployment.Evidence evidence = fault.release() == null ? null : deployment.deploy(fault.release());
        Injection truth = fault.truth(1, Instant.EPOCH, Instant.EPOCH, deployment.version(fault.service()),
                fault.release() == null ? null : previous);
        List<SpanRecord> during = Spans.traffic(traffic, fault, REQUESTS, 100_000_000_000L);
        if (fault.release() != null) {
            deployment.rollBack(fault.service(), previous);
        }
        List<SpanRecord> after = Spans.traffic(traffic, Perturbation.NONE, REQUESTS, 200_000_000_000L);
        return new Trial(truth, before, during, after, evidence);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("variants")
    void theFaultShowsOnlyWhileItLastsAndWhereItsTruthSays(FaultKind kind, String variant, long seed) throws Exception {
        Trial t = trial(kind, variant, seed);
        Injection truth = t.truth();
        assertThat(truth.kind()).isEqualTo(kind);
        assertThat(truth.variant()).isEqualTo(variant);
        if (truth.previousVersion() != null) {
            assertThat(t.during()).filteredOn(s -> s.service().equals(truth.service()) && s.kind() == SpanRecord.Kind.SERVER)
                    .isNotEmpty().allSatisfy(s -> assertThat(s.version()).isIn(truth.version(), truth.previousVersion()));
            assertThat(t.after()).filteredOn(s -> s.service().equals(truth.service()))
                    .allSatisfy(s -> assertThat(s.version()).isNotEqualTo(truth.version()));
        }
        Predicate<SpanRecord> symptom = switch (kind) {
            case PERFORMANCE -> performance(t);
            case BEHAVIORAL -> behavioural(t);
            case COVERAGE, DOCUMENTATION -> contract(t);
            case ERROR -> error(t);
            case STATE -> state(t);
            case DEPENDENCY -> dependency(t);
        };
        if (symptom != null) {
            assertThat(t.before()).noneMatch(symptom);
            assertThat(t.after()).noneMatch(symptom);
            assertThat(t.during().stream().filter(symptom).count()).as("spans showing the fault").isGreaterThan(10);
        }
    }

    private static boolean serverOf(SpanRecord s, Injection truth) {
        return s.kind() == SpanRecord.Kind.SERVER && s.service().equals(truth.service()) && s.name().equals(truth.handler());
    }

    /** The handler's own time (its duration less its direct children's) grows by the factor. */
    private static Predicate<SpanRecord> performance(Trial t) {
        double factor = (Double) t.truth().detail().get("factor");
        double before = median(selfTimes(t.before(), t.truth()));
        double during = median(selfTimes(t.during(), t.truth()));
        double after = median(selfTimes(t.after(), t.truth()));
        assertThat(during / before).isBetween(factor * 0.7, factor * 1.4);
        assertThat(after / before).isBetween(0.8, 1.25);
        return null;
    }

    private static List<Double> selfTimes(List<SpanRecord> spans, Injection truth) {
        Map<String, Double> children = spans.stream().filter(s -> s.parentSpanId() != null)
                .collect(Collectors.groupingBy(SpanRecord::parentSpanId, Collectors.summingDouble(SpanRecord::durationMs)));
        return spans.stream().filter(s -> serverOf(s, truth))
                .map(s -> s.durationMs() - children.getOrDefault(s.spanId(), 0.0)).toList();
    }

    /**
     * The sequences of handlers the flow calls change: most executions take a sequence the healthy shop takes
     * rarely or never (a skipped step can coincide with a healthy early exit, such as a product not found).
     */
    private static Predicate<SpanRecord> behavioural(Trial t) {
        Map<List<String>, Long> healthy = sequences(t.before(), t.truth()).values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        long executions = healthy.values().stream().mapToLong(Long::longValue).sum();
        Predicate<List<String>> rare = s -> healthy.getOrDefault(s, 0L) < executions * 0.03;
        assertThat(rareShare(sequences(t.during(), t.truth()), rare)).as("share of changed flows").isGreaterThan(0.4);
        assertThat(rareShare(sequences(t.after(), t.truth()), rare)).isLessThan(0.05);
        return null;
    }

    private static double rareShare(Map<String, List<String>> sequences, Predicate<List<String>> rare) {
        return (double) sequences.values().stream().filter(rare).count() / sequences.size();
    }

    /** Per execution of the flow's handler, the handlers its client spans reached, in order. */
    private static Map<String, List<String>> sequences(List<SpanRecord> spans, Injection truth) {
        Map<String, List<SpanRecord>> byParent = spans.stream().filter(s -> s.parentSpanId() != null)
                .collect(Collectors.groupingBy(SpanRecord::parentSpanId));
        return spans.stream().filter(s -> serverOf(s, truth)).collect(Collectors.toMap(SpanRecord::spanId, s ->
                byParent.getOrDefault(s.spanId(), List.of()).stream().filter(c -> c.attribute("peer.service") != null
                                && ShopModel.SERVICES.contains(c.attribute("peer.service")))
                        .flatMap(c -> byParent.getOrDefault(c.spanId(), List.of()).stream())
                        .map(c -> c.service() + " " + c.name()).toList()));
    }

    /** The release's new handler receives traffic; its evidence leaves it uncovered or undocumented. */
    private static Predicate<SpanRecord> contract(Trial t) throws Exception {
        Injection truth = t.truth();
        if (truth.variant().equals(DocumentationFault.OVER_BUDGET)) {
            double budget = (Double) truth.detail().get("latencyBudgetMs");
            assertThat(t.during()).filteredOn(s -> serverOf(s, truth)).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.durationMs()).isGreaterThan(budget));
            return s -> serverOf(s, truth) && s.durationMs() > budget;
        }
        assertThat(t.evidence()).isNotNull();
        boolean documented = EvidenceProbe.documents(t.evidence(), truth.handler());
        String method = truth.detail().get("class").toString().replace('.', '/') + "#" + truth.detail().get("method");
        Integer covered = EvidenceProbe.coveredInstructions(t.evidence(), method);
        if (truth.kind() == FaultKind.COVERAGE) {
            assertThat(documented).isTrue();
            assertThat(covered).as("covered instructions of " + method)
                    .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c).isZero());
            assertThat(covered == null).isEqualTo(truth.variant().equals(CoverageFault.UNREPORTED));
        } else {
            assertThat(documented).isFalse();
            assertThat(covered).isPositive();
        }
        return s -> serverOf(s, truth);
    }

    private static Predicate<SpanRecord> error(Trial t) {
        Injection truth = t.truth();
        String type = truth.detail().get("exceptionType").toString();
        double rate = (Double) truth.detail().get("rate");
        Predicate<SpanRecord> raised = s -> serverOf(s, truth) && s.events().stream().anyMatch(e ->
                e.name().equals("exception") && e.attributes().get("exception.type").equals(type));
        double share = (double) t.during().stream().filter(raised).count() / t.during().stream().filter(s -> serverOf(s, truth)).count();
        assertThat(share).isBetween(rate * 0.5, rate * 1.6);
        if (truth.variant().equals(ErrorFault.KNOWN_ERROR_SURGE)) {
            double baseline = (Double) truth.detail().get("baselineRate");
            assertThat((double) t.after().stream().filter(raised).count()
                    / t.after().stream().filter(s -> serverOf(s, truth)).count()).isLessThan(baseline * 4);
            return null;
        }
        assertThat(t.during()).filteredOn(raised).allSatisfy(s -> {
            assertThat(s.error()).isTrue();
            assertThat(s.attribute("http.response.status_code")).isEqualTo("500");
            assertThat(s.events().get(s.events().size() - 1).attributes().get("exception.stacktrace").toString())
                    .contains("\tat " + truth.detail().get("topFrame") + "(");
        });
        return raised;
    }

    private static Predicate<SpanRecord> state(Trial t) {
        Injection truth = t.truth();
        ShopModel.StateKey key = ShopModel.STATE_KEYS.stream().filter(k -> k.key().equals(truth.key())).findFirst().orElseThrow();
        Predicate<Object> invalid = switch (truth.variant()) {
            case StateFault.NEGATIVE -> v -> v instanceof Number n && n.doubleValue() < 0;
            case StateFault.UNSEEN -> v -> !key.values().contains(String.valueOf(v));
            default -> v -> "null".equals(v);
        };
        return s -> serverOf(s, truth) && s.events().stream().anyMatch(e -> e.name().equals("state.mutation")
                && e.attributes().get("state.key").equals(truth.key()) && invalid.test(e.attributes().get("state.value")));
    }

    private static Predicate<SpanRecord> dependency(Trial t) {
        Injection truth = t.truth();
        Predicate<SpanRecord> calls = s -> (s.kind() == SpanRecord.Kind.CLIENT || s.kind() == SpanRecord.Kind.PRODUCER)
                && s.service().equals(truth.service())
                && truth.dependency().equals(Spans.Decoded.target(text(s.attributes())));
        return switch (truth.variant()) {
            case DependencyFault.REFUSED -> calls.and(s -> s.error() && exception(s, "java.net.ConnectException"));
            case DependencyFault.UNKNOWN_HOST -> calls.and(s -> s.error() && exception(s, "java.net.UnknownHostException"));
            case DependencyFault.SLOW -> calls.and(s -> s.durationMs() > 250 + (truth.dependency().equals("payment-provider") ? 900 : 0));
            default -> {
                assertThat(truth.handler()).isNotNull();
                yield calls.and(s -> s.attribute("server.address") != null);
            }
        };
    }

    private static boolean exception(SpanRecord s, String type) {
        return s.events().stream().anyMatch(e -> e.name().equals("exception") && e.attributes().get("exception.type").equals(type));
    }

    private static Map<String, String> text(Map<String, Object> attributes) {
        return attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private static double median(List<Double> values) {
        assertThat(values).hasSizeGreaterThan(10);
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
