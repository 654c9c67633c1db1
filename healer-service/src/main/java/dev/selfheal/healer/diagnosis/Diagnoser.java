package dev.selfheal.healer.diagnosis;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns an anomaly into a fix proposal from its evidence alone: which playbook applies, why, and what it would
 * change. Never fails on missing evidence; it says what it could not see instead, so every anomaly reaches a
 * person.
 */
public final class Diagnoser {

    /** Evidence names a latency detector fills in ({@code AnomalyDetected.evidence}). */
    public static final String BASELINE_P95 = "baseline.p95Ms";
    public static final String OBSERVED_P95 = "observed.p95Ms";
    public static final String P95_RATIO = "p95Ratio";
    public static final String BASELINE_SAMPLES = "baseline.samples";
    public static final String OBSERVED_SAMPLES = "observed.samples";
    public static final String BASELINE_VERSIONS = "baseline.versions";
    public static final String OBSERVED_VERSIONS = "observed.versions";

    private static final int MAX_EXAMPLE_TRACES = 5;

    private final int maxAddedReplicas;

    /** @param maxAddedReplicas the most replicas one scale-out proposal adds, at least 1 */
    public Diagnoser(int maxAddedReplicas) {
        if (maxAddedReplicas < 1) {
            throw new IllegalArgumentException("maxAddedReplicas must be at least 1, not " + maxAddedReplicas);
        }
        this.maxAddedReplicas = maxAddedReplicas;
    }

    public Proposal diagnose(AnomalyDetected anomaly) {
        Evidence evidence = anomaly.evidence() == null ? new Evidence(null, null, null) : anomaly.evidence();
        if (anomaly.capability() == Capability.PERFORMANCE) {
            return performance(anomaly, evidence);
        }
        return investigate(anomaly, evidence);
    }

    private Proposal performance(AnomalyDetected anomaly, Evidence evidence) {
        Set<String> baseline = Versions.parse(evidence.details().get(BASELINE_VERSIONS));
        Set<String> observed = Versions.parse(evidence.details().get(OBSERVED_VERSIONS));
        Set<String> introduced = new LinkedHashSet<>(observed);
        introduced.removeAll(baseline);
        if (!introduced.isEmpty() && !baseline.isEmpty()) {
            return rollback(anomaly, evidence, baseline, observed, introduced);
        }
        return scaleOut(anomaly, evidence, baseline, observed);
    }

    private static Proposal rollback(AnomalyDetected anomaly, Evidence evidence, Set<String> baseline,
            Set<String> observed, Set<String> introduced) {
        // The anomaly's own version is the one the detector saw misbehave; prefer it when it is new.
        String culprit = introduced.contains(anomaly.version()) ? anomaly.version() : introduced.iterator().next();
        // Of several known-good versions, the newest loses the least when rolled back to.
        String goodVersion = baseline.stream().max(Versions.RELEASE_ORDER).orElseThrow();
        String diagnosis = latencyFigures(anomaly, evidence)
                + " Version " + culprit + " appears in the observed window (versions " + Versions.join(observed)
                + ") but not in the baseline (versions " + Versions.join(baseline) + "), so " + culprit
                + " introduced the regression; " + goodVersion + " was fast."
                + traces(evidence);
        ProposedAction action = new ProposedAction(ProposedAction.ROLLBACK, "Deployment", anomaly.service(),
                Map.of("fromVersion", culprit, "toVersion", goodVersion),
                "Roll the " + anomaly.service() + " deployment back from " + culprit + " to " + goodVersion + ".");
        return new Proposal(Playbooks.ROLLBACK_VERSION,
                "Roll " + anomaly.service() + " back from " + culprit + " to " + goodVersion, diagnosis, action);
    }

    private Proposal scaleOut(AnomalyDetected anomaly, Evidence evidence, Set<String> baseline, Set<String> observed) {
        Optional<Double> ratio = ratio(evidence);
        int replicas = addedReplicas(ratio);
        String versions;
        if (observed.isEmpty() || baseline.isEmpty()) {
            versions = " The evidence does not name the versions of both windows, so no release can be blamed.";
        } else if (observed.equals(baseline)) {
            versions = " The deployed versions did not change (" + Versions.join(observed)
                    + "), so no release explains it.";
        } else {
            versions = " Every observed version (" + Versions.join(observed) + ") already ran in the baseline ("
                    + Versions.join(baseline) + "), so no new release explains it.";
        }
        String diagnosis = latencyFigures(anomaly, evidence) + versions
                + " The slowdown points at load or resources; adding " + replicas
                + (replicas == 1 ? " replica" : " replicas") + " spreads the work"
                + ratio.map(r -> " (p95 at " + ratio(r) + " the baseline; at most " + maxAddedReplicas
                        + " replicas are added per proposal).").orElse(".")
                + traces(evidence);
        ProposedAction action = new ProposedAction(ProposedAction.SCALE_OUT, "Deployment", anomaly.service(),
                Map.of("addReplicas", Integer.toString(replicas)),
                "Add " + replicas + (replicas == 1 ? " replica" : " replicas") + " to the " + anomaly.service()
                        + " deployment.");
        return new Proposal(Playbooks.SCALE_OUT,
                "Scale " + anomaly.service() + " out by " + replicas + (replicas == 1 ? " replica" : " replicas"),
                diagnosis, action);
    }

    /**
     * Under load, latency falls roughly in proportion to added capacity: a p95 at r times the baseline asks for
     * about r - 1 more replicas per replica. One is the least worth proposing, the cap keeps a single step safe.
     */
    private int addedReplicas(Optional<Double> ratio) {
        int wanted = ratio.map(r -> (int) Math.ceil(r) - 1).orElse(1);
        return Math.max(1, Math.min(maxAddedReplicas, wanted));
    }

    private static Proposal investigate(AnomalyDetected anomaly, Evidence evidence) {
        String capability = anomaly.capability() == null ? "unclassified"
                : anomaly.capability().name().toLowerCase(Locale.ROOT);
        StringBuilder diagnosis = new StringBuilder()
                .append(capability.matches("^[aeiou].*") ? "An " : "A ").append(capability)
                .append(" anomaly in ").append(anomaly.service()).append(' ').append(anomaly.version())
                .append(", handler ").append(anomaly.handler());
        if (anomaly.severity() != null) {
            diagnosis.append(" (severity ").append(anomaly.severity()).append(", score ")
                    .append(number(anomaly.score())).append(')');
        }
        diagnosis.append(": ").append(anomaly.summary() == null || anomaly.summary().isBlank()
                ? "the detector gave no summary." : anomaly.summary().strip());
        if (!diagnosis.toString().endsWith(".")) {
            diagnosis.append('.');
        }
        diagnosis.append(" No playbook remedies ").append(capability)
                .append(" anomalies automatically yet, so a person should investigate.");
        String figures = new TreeMap<>(evidence.figures()).entrySet().stream()
                .map(f -> f.getKey() + " = " + number(f.getValue()))
                .collect(Collectors.joining(", "));
        String details = new TreeMap<>(evidence.details()).entrySet().stream()
                .map(d -> d.getKey() + " = " + d.getValue())
                .collect(Collectors.joining(", "));
        diagnosis.append(" Evidence: ").append(figures.isEmpty() ? "no figures" : "figures " + figures)
                .append("; ").append(details.isEmpty() ? "no details" : "details " + details).append('.');
        diagnosis.append(traces(evidence));
        ProposedAction action = new ProposedAction(ProposedAction.INVESTIGATE, "Service", anomaly.service(),
                Map.of("handler", String.valueOf(anomaly.handler()), "capability", capability),
                "Investigate " + anomaly.handler() + " in " + anomaly.service()
                        + " from the evidence; nothing in the running system changes.");
        return new Proposal(Playbooks.INVESTIGATE,
                "Investigate the " + capability + " anomaly in " + anomaly.service() + " " + anomaly.handler(),
                diagnosis.toString(), action);
    }

    private static String latencyFigures(AnomalyDetected anomaly, Evidence evidence) {
        Map<String, Double> f = evidence.figures();
        return "The p95 latency of " + anomaly.handler() + " in " + anomaly.service() + " rose from "
                + ms(f.get(BASELINE_P95)) + " in the baseline (" + samples(f.get(BASELINE_SAMPLES)) + ") to "
                + ms(f.get(OBSERVED_P95)) + " in the observed window (" + samples(f.get(OBSERVED_SAMPLES)) + ")"
                + ratio(evidence).map(r -> ", " + ratio(r) + " the baseline").orElse("") + ".";
    }

    /** The detector's ratio, or one computed from the two percentiles when it did not send it. */
    private static Optional<Double> ratio(Evidence evidence) {
        Map<String, Double> f = evidence.figures();
        Double given = f.get(P95_RATIO);
        if (given != null && Double.isFinite(given)) {
            return Optional.of(given);
        }
        Double baseline = f.get(BASELINE_P95);
        Double observed = f.get(OBSERVED_P95);
        if (baseline != null && observed != null && baseline > 0 && Double.isFinite(observed)) {
            return Optional.of(observed / baseline);
        }
        return Optional.empty();
    }

    private static String traces(Evidence evidence) {
        List<String> ids = evidence.exampleTraceIds();
        if (ids.isEmpty()) {
            return " The detector sent no example traces.";
        }
        List<String> shown = ids.subList(0, Math.min(MAX_EXAMPLE_TRACES, ids.size()));
        return " Example traces: " + String.join(", ", shown)
                + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more." : ".");
    }

    private static String ms(Double value) {
        return value == null ? "an unknown p95" : number(value) + " ms";
    }

    private static String samples(Double value) {
        return value == null ? "sample count unknown" : number(value) + " samples";
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    /** Whole numbers without decimals, others with at most two: figures a person reads, not a dump. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
