package dev.selfheal.bench.faults;

import dev.selfheal.bench.faults.Alerts.Alert;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.StandardDetectors;
import dev.selfheal.detection.engine.DetectionEngine;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault-injection evaluation, in process: the simulated shop (workload's generator, its OTLP, specs and
 * JaCoCo reports) feeds the seven detectors with their default settings, unpaced in simulated time, and the
 * findings are scored against the injected faults' ground truth: per capability recall, false alarms among
 * alerts, and the time from onset to the first finding (event time).
 *
 * <p>Usage: {@code FaultEvaluation [--trials-per-kind N] [--seed S] [--rate R] [--out DIR]}.
 */
public final class FaultEvaluation {

    /** detector-service's default {@code selfheal.detector.incidents.resolve-after}. */
    static final Duration RESOLVE_AFTER = Duration.ofMinutes(2);
    /** How long after a fault's end a finding still counts as detecting it (traces complete, windows close). */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** A fixed Monday midnight: every run of a seed sees the same timestamps. */
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private FaultEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Path.of("benchmarks/target/fault-eval"), "FaultEvaluation");
        Result result = run(options.trialsPerKind(), options.seed(), options.rate());
        Files.createDirectories(options.out());
        result.write(options.out());
        result.print(System.out);
        System.out.println("ground truth, alerts, misses and false alarms: " + options.out().toAbsolutePath());
    }

    /** The options both evaluations take: {@code [--trials-per-kind N] [--seed S] [--rate R] [--out DIR]}. */
    record Options(int trialsPerKind, long seed, double rate, Path out) {

        static Options parse(String[] args, Path defaultOut, String program) {
            int trialsPerKind = 20;
            long seed = 1;
            double rate = 20;
            Path out = defaultOut;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--trials-per-kind" -> trialsPerKind = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--rate" -> rate = Double.parseDouble(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: " + program
                            + " [--trials-per-kind N] [--seed S] [--rate R] [--out DIR]");
                }
            }
            return new Options(trialsPerKind, seed, rate, out);
        }
    }

    /** The shop's run with the plan's defaults and {@code trialsPerKind} faults of each kind, from {@link #START}. */
    static FaultInjectionRun.Settings settings(int trialsPerKind, long seed, double rate) {
        FaultPlan plan = FaultPlan.evaluation(FaultPlan.DEFAULT_WARMUP, FaultPlan.DEFAULT_DURATION,
                FaultPlan.DEFAULT_RECOVERY, trialsPerKind);
        return new FaultInjectionRun.Settings(new SimClock(START, 0), rate, seed, plan, 1000, 512);
    }

    /** Runs the shop with the plan's defaults and {@code trialsPerKind} faults of each kind. */
    static Result run(int trialsPerKind, long seed, double rate) throws IOException, InterruptedException {
        DetectionEngine engine = StandardDetectors.engine();
        EngineSink sink = new EngineSink(engine, START);
        List<Injection> injections = new ArrayList<>();
        FaultInjectionRun.Settings settings = settings(trialsPerKind, seed, rate);
        FaultPlan plan = settings.plan();
        long wallStart = System.nanoTime();
        new FaultInjectionRun(settings, sink, injections::add).run();
        long wallNanos = System.nanoTime() - wallStart;
        List<Alert> alerts = Alerts.of(sink.findings(), RESOLVE_AFTER);
        Map<Capability, FaultScore.KindResult> scores = new FaultScore(sink.calls(), GRACE, RESOLVE_AFTER)
                .score(injections, sink.findings(), alerts);
        return new Result(seed, trialsPerKind, plan.total(), injections, alerts, scores, sink.events(),
                sink.engineNanos(), wallNanos);
    }

    /** What a run measured. */
    record Result(long seed, int trialsPerKind, Duration simulated, List<Injection> injections, List<Alert> alerts,
            Map<Capability, FaultScore.KindResult> scores, long events, long engineNanos, long wallNanos) {

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "fault-injection evaluation: seed %d, %d trials per kind, %s simulated, %,d events;"
                    + " engine %,.0f events/s (%.1f s), run %.1f s%n", seed, trialsPerKind, simulated, events,
                    events / (engineNanos / 1e9), engineNanos / 1e9, wallNanos / 1e9);
            out.printf(Locale.ROOT, "%-14s %6s %8s %7s %12s %9s %7s %7s %9s  %s%n", "capability", "trials", "detected",
                    "recall", "median TTD", "p95 TTD", "alerts", "false", "false %", "targets (recall>=95%, false<5%, median<30s)");
            int trials = 0;
            int detected = 0;
            int alertCount = 0;
            int falseAlarms = 0;
            for (FaultScore.KindResult r : scores.values()) {
                trials += r.trials();
                detected += r.detected();
                alertCount += r.alerts();
                falseAlarms += r.falseAlarms();
                boolean met = r.recall() >= 0.95 && r.falseAlarmShare() < 0.05
                        && r.medianDelay().map(d -> d.compareTo(Duration.ofSeconds(30)) < 0).orElse(false);
                out.printf(Locale.ROOT, "%-14s %6d %8d %7.3f %12s %9s %7d %7d %8.1f%%  %s%n", r.kind(), r.trials(),
                        r.detected(), r.recall(), seconds(r.medianDelay().orElse(null)),
                        seconds(r.p95Delay().orElse(null)), r.alerts(), r.falseAlarms(),
                        100 * r.falseAlarmShare(), met ? "met" : "NOT met");
            }
            double recall = trials == 0 ? 0 : (double) detected / trials;
            double precision = alertCount == 0 ? 0 : 1 - (double) falseAlarms / alertCount;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.printf(Locale.ROOT, "overall: recall %.3f (%d/%d), precision %.3f (%d of %d alerts explained), F1 %.3f%n",
                    recall, detected, trials, precision, alertCount - falseAlarms, alertCount, f1);
        }

        void write(Path dir) throws IOException {
            Files.write(dir.resolve("truth.jsonl"), injections.stream().map(Injection::toJsonLine).toList());
            Files.write(dir.resolve("alerts.tsv"), alerts.stream().map(a -> String.join("\t", a.firstSeen().toString(),
                    a.lastSeen().toString(), a.capability().name(), a.service(), a.handler(), a.signature(),
                    String.valueOf(a.findings()), a.summary())).toList());
            List<String> misses = new ArrayList<>();
            List<String> falseAlarms = new ArrayList<>();
            scores.values().forEach(r -> {
                r.misses().forEach(m -> misses.add(r.kind() + "\t" + m));
                r.falseAlarmSummaries().forEach(f -> falseAlarms.add(r.kind() + "\t" + f));
            });
            Files.write(dir.resolve("misses.tsv"), misses);
            Files.write(dir.resolve("false-alarms.tsv"), falseAlarms);
        }

        private static String seconds(Duration d) {
            return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }
}
