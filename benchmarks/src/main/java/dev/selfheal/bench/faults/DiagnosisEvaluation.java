package dev.selfheal.bench.faults;

import dev.selfheal.bench.faults.Alerts.Alert;
import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.StandardDetectors;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.healing.diagnosis.Diagnoser;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import dev.selfheal.healing.diagnosis.TraceSample;
import dev.selfheal.workload.faults.FaultInjectionRun;
import dev.selfheal.workload.faults.FaultPlan;
import dev.selfheal.workload.faults.Injection;
import dev.selfheal.workload.shop.SimClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The diagnosis evaluation, in process: the fault-injection shop feeds the seven detectors as in
 * {@link FaultEvaluation}, the spans of the last {@link #KEEP} of simulated time are kept as telemetry-service
 * keeps them, and the first finding of every alert is diagnosed by healing's {@link Diagnoser} once its traces have
 * settled, from an {@link AnomalyDetected} built as detector-service builds it and a {@link TraceSample} of at most
 * {@link #CAP} observed and {@link #CAP} baseline traces.
 *
 * <p>Per injected fault, the first alert of the fault's capability that the fault explains (as
 * {@link FaultScore#explains}: the faulty service, a caller of it, or the faulty dependency; so an alert on a caller
 * must be diagnosed back to the callee) is compared with the ground truth. A candidate matches when its service
 * equals the truth's, and its handler, dependency and state key too where the truth names one, and its version
 * equals the truth's when the fault came with a release. Printed: per capability the faults, how many had such an
 * alert (diagnosed), and the share whose true cause was ranked first and within the first three; then the same per
 * alert over every alert a fault explains. Misdiagnoses go to {@code misdiagnoses.tsv}.
 *
 * <p>Usage: {@code DiagnosisEvaluation [--trials-per-kind N] [--seed S] [--rate R] [--out DIR]}.
 */
public final class DiagnosisEvaluation {

    /** How much simulated time of spans is kept: enough for a baseline before any finding's onset. */
    static final Duration KEEP = Duration.ofMinutes(12);
    /** How long after a finding its traces are read: example traces complete once their root span has ended. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** Traces read per side (observed, baseline). */
    static final int CAP = 20;

    private DiagnosisEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        FaultEvaluation.Options options = FaultEvaluation.Options.parse(args,
                Path.of("benchmarks/target/diagnosis-eval"), "DiagnosisEvaluation");
        Result result = run(options.trialsPerKind(), options.seed(), options.rate());
        Files.createDirectories(options.out());
        result.write(options.out());
        result.print(System.out);
        System.out.println("misdiagnoses: " + options.out().resolve("misdiagnoses.tsv").toAbsolutePath());
    }

    static Result run(int trialsPerKind, long seed, double rate) throws IOException, InterruptedException {
        DetectionEngine engine = StandardDetectors.engine();
        Online online = new Online(new TraceWindow(KEEP), new Diagnoser());
        EngineSink sink = new EngineSink(engine, FaultEvaluation.START, online);
        List<Injection> injections = new ArrayList<>();
        FaultInjectionRun.Settings settings = FaultEvaluation.settings(trialsPerKind, seed, rate);
        long wallStart = System.nanoTime();
        new FaultInjectionRun(settings, sink, injections::add).run();
        online.finish();
        long wallNanos = System.nanoTime() - wallStart;
        List<Alert> alerts = Alerts.of(sink.findings(), FaultEvaluation.RESOLVE_AFTER);
        FaultScore score = new FaultScore(sink.calls(), FaultEvaluation.GRACE, FaultEvaluation.RESOLVE_AFTER);
        return new Result(seed, trialsPerKind, injections, alerts, online.diagnoses, score, online.diagnosisNanos,
                wallNanos);
    }

    /**
     * Diagnoses the first finding of each alert as it is raised (the same grouping as {@link Alerts}), once the
     * watermark is {@link #SETTLE} past it, from the traces kept by then.
     */
    static final class Online implements EngineSink.Tap {
        private final TraceWindow window;
        private final Diagnoser diagnoser;
        private final Map<String, Instant> lastSeen = new HashMap<>();
        private final Deque<Finding> pending = new ArrayDeque<>();
        final Map<String, Diagnosis> diagnoses = new HashMap<>();
        long diagnosisNanos;

        Online(TraceWindow window, Diagnoser diagnoser) {
            this.window = window;
            this.diagnoser = diagnoser;
        }

        @Override
        public void span(SpanRecorded span) {
            window.add(span);
        }

        @Override
        public void findings(List<Finding> raised, Instant watermark) {
            for (Finding f : raised) {
                Instant last = lastSeen.get(f.fingerprint());
                if (last == null || f.detectedAt().isAfter(last.plus(FaultEvaluation.RESOLVE_AFTER))) {
                    pending.addLast(f);
                }
                if (last == null || f.detectedAt().isAfter(last)) {
                    lastSeen.put(f.fingerprint(), f.detectedAt());
                }
            }
            while (!pending.isEmpty() && !pending.peekFirst().detectedAt().plus(SETTLE).isAfter(watermark)) {
                diagnose(pending.pollFirst());
            }
        }

        void finish() {
            while (!pending.isEmpty()) {
                diagnose(pending.pollFirst());
            }
        }

        private void diagnose(Finding f) {
            long start = System.nanoTime();
            TraceSample sample = window.sample(f.capability() == Capability.DEPENDENCY, f.service(), f.handler(),
                    f.exampleTraceIds(), f.onset(), f.detectedAt(), CAP);
            diagnoses.put(alertId(f.fingerprint(), f.detectedAt()), diagnoser.diagnose(anomaly(f), sample));
            diagnosisNanos += System.nanoTime() - start;
        }
    }

    /** The event detector-service publishes for a finding (its AnomalyMapper, field for field). */
    static AnomalyDetected anomaly(Finding f) {
        return new AnomalyDetected(f.fingerprint() + "@" + f.detectedAt(), f.capability(), f.service(), f.version(),
                f.handler(), f.detectedAt(), f.score(), f.severity(), f.summary(),
                new Evidence(f.figures(), f.details(), f.exampleTraceIds()), null, f.signature());
    }

    static String alertId(String fingerprint, Instant firstSeen) {
        return fingerprint + "@" + firstSeen;
    }

    static String alertId(Alert a) {
        return alertId(Finding.fingerprintOf(a.capability(), a.service(), a.handler(), a.signature()), a.firstSeen());
    }

    /** Whether a candidate names the injected fault's cause. */
    static boolean matches(RootCause r, Injection i) {
        return i.service().equals(r.service())
                && (i.handler() == null || i.handler().equals(r.handler()))
                && (i.dependency() == null || i.dependency().equals(r.dependency()))
                && (i.key() == null || i.key().equals(r.key()))
                && (i.previousVersion() == null || i.version().equals(r.version()));
    }

    /** The rank (from 1) of the first matching candidate, or 0 when none matches. */
    static int rank(Diagnosis d, Injection i) {
        for (int k = 0; k < d.candidates().size(); k++) {
            if (matches(d.candidates().get(k), i)) {
                return k + 1;
            }
        }
        return 0;
    }

    /** Counts of one row of the table. */
    static final class Tally {
        int items;
        int diagnosed;
        int top1;
        int top3;

        void add(int rank) {
            diagnosed++;
            top1 += rank == 1 ? 1 : 0;
            top3 += rank >= 1 && rank <= 3 ? 1 : 0;
        }

        void addAll(Tally t) {
            items += t.items;
            diagnosed += t.diagnosed;
            top1 += t.top1;
            top3 += t.top3;
        }
    }

    record Result(long seed, int trialsPerKind, List<Injection> injections, List<Alert> alerts,
            Map<String, Diagnosis> diagnoses, FaultScore score, long diagnosisNanos, long wallNanos) {

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "diagnosis evaluation: seed %d, %d trials per kind, %d alerts, %d diagnosed "
                    + "(%.1f ms each), run %.1f s%n", seed, trialsPerKind, alerts.size(), diagnoses.size(),
                    diagnoses.isEmpty() ? 0 : diagnosisNanos / 1e6 / diagnoses.size(), wallNanos / 1e9);
            out.println("per injected fault: its first explained alert of its capability, diagnosed");
            table(out, perFault(new ArrayList<>()), "faults");
            out.println("per alert: every alert an injected fault explains (any capability)");
            table(out, perAlert(new ArrayList<>()), "alerts");
        }

        private static void table(PrintStream out, Map<Capability, Tally> rows, String unit) {
            out.printf(Locale.ROOT, "%-14s %7s %9s %7s %7s %8s %8s%n", "capability", unit, "diagnosed", "top-1",
                    "top-3", "top-1 %", "top-3 %");
            Tally all = new Tally();
            rows.forEach((kind, t) -> {
                all.addAll(t);
                row(out, kind.name(), t);
            });
            row(out, "overall", all);
        }

        private static void row(PrintStream out, String name, Tally t) {
            out.printf(Locale.ROOT, "%-14s %7d %9d %7d %7d %7.1f%% %7.1f%%%n", name, t.items, t.diagnosed, t.top1,
                    t.top3, t.items == 0 ? 0 : 100.0 * t.top1 / t.items, t.items == 0 ? 0 : 100.0 * t.top3 / t.items);
        }

        Map<Capability, Tally> perFault(List<String> misses) {
            Map<Capability, Tally> rows = new EnumMap<>(Capability.class);
            for (Injection i : injections) {
                Capability kind = Capability.valueOf(i.kind().name());
                Tally t = rows.computeIfAbsent(kind, k -> new Tally());
                t.items++;
                Optional<Alert> first = alerts.stream().filter(a -> a.capability() == kind && score.explains(i, a))
                        .min(Comparator.comparing(Alert::firstSeen));
                if (first.isEmpty()) {
                    misses.add(String.join("\t", "fault", kind.name(), i.variant(), i.describe(), "no explained alert"));
                    continue;
                }
                Diagnosis d = diagnoses.get(alertId(first.get()));
                if (d == null) {
                    misses.add(String.join("\t", "fault", kind.name(), i.variant(), i.describe(), "alert not diagnosed"));
                    continue;
                }
                int rank = rank(d, i);
                t.add(rank);
                if (rank != 1) {
                    misses.add(line("fault", kind, i, first.get(), d, rank));
                }
            }
            return rows;
        }

        Map<Capability, Tally> perAlert(List<String> misses) {
            Map<Capability, Tally> rows = new EnumMap<>(Capability.class);
            for (Alert a : alerts) {
                Optional<Injection> fault = injections.stream().filter(i -> score.explains(i, a)).findFirst();
                Diagnosis d = diagnoses.get(alertId(a));
                if (fault.isEmpty() || d == null) {
                    continue;
                }
                Tally t = rows.computeIfAbsent(a.capability(), k -> new Tally());
                t.items++;
                int rank = rank(d, fault.get());
                t.add(rank);
                if (rank != 1) {
                    misses.add(line("alert", a.capability(), fault.get(), a, d, rank));
                }
            }
            return rows;
        }

        private static String line(String what, Capability kind, Injection i, Alert a, Diagnosis d, int rank) {
            List<String> top = d.candidates().stream().limit(3)
                    .map(r -> r.kind() + " " + r.location() + String.format(Locale.ROOT, " (%.2f)", r.confidence()))
                    .toList();
            return String.join("\t", what, kind.name(), i.variant(), i.describe(),
                    a.capability() + " " + a.service() + " " + a.handler() + " [" + a.signature() + "] "
                            + Duration.between(i.onset(), a.firstSeen()).toMillis() / 1000.0 + " s after onset",
                    rank == 0 ? "not ranked" : "rank " + rank, String.join(" | ", top), d.summary());
        }

        void write(Path dir) throws IOException {
            List<String> misses = new ArrayList<>();
            misses.add("scope\tcapability\tvariant\ttruth\talert\trank\ttop candidates\tsummary");
            perFault(misses);
            perAlert(misses);
            Files.write(dir.resolve("misdiagnoses.tsv"), misses);
            Files.write(dir.resolve("truth.jsonl"), injections.stream().map(Injection::toJsonLine).toList());
        }
    }
}
