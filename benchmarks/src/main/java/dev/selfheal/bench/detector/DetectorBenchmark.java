package dev.selfheal.bench.detector;

import dev.selfheal.workload.faults.FaultInjectionRun;
import dev.selfheal.workload.faults.FaultPlan;
import dev.selfheal.workload.faults.Injection;
import dev.selfheal.workload.shop.HttpTelemetrySink;
import dev.selfheal.workload.shop.SimClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * detector-service end to end, in three steps that {@code ./selfheal bench detector} runs around starting the
 * services:
 *
 * <ol>
 *   <li>{@code load}: the fault-injection shop, unpaced, into telemetry-service while detector-service is not
 *   running, so the telemetry topic holds a backlog. Its simulated time ends {@link #DELAY_PLAN}'s length (and a
 *   minute) before now, so that the {@code delay} step can continue it without running ahead of the wall
 *   clock.</li>
 *   <li>{@code drain}: with detector-service just started, polls {@code GET /api/engine} every second until the
 *   events applied stop growing; reports events/s from the first poll that saw events (start-up excluded), the
 *   service's CPU-seconds (from /proc) and events per CPU-second, and its resident memory.</li>
 *   <li>{@code delay}: the shop again, paced ({@code --speed}, simulated seconds per wall-clock second), from the
 *   engine's watermark on, with a fault of each kind, through a sink that records when telemetry-service
 *   acknowledged each export and the latest event time it carried. For each incident opened during the run, the
 *   telemetry that raised its first finding was ingested when the first export carrying an event at or after
 *   the incident's {@code firstSeen} (the watermark when the detector decided) was acknowledged; the delay runs
 *   from there to the anomaly's {@code publishedAt} (Kafka acknowledged the announcement). The detector may read
 *   the records from Kafka before telemetry-service's answer reaches the generator, so the delay from when that
 *   export was sent is printed as well: it adds telemetry-service's own handling.</li>
 * </ol>
 *
 * <p>Usage: {@code DetectorBenchmark load [--telemetry URL] [--trials-per-kind N (3)] [--seed S (1)]},
 * {@code DetectorBenchmark drain --pid PID [--detector URL] [--quiet-seconds N]},
 * {@code DetectorBenchmark delay --pid PID [--telemetry URL] [--detector URL] [--speed X (10)] [--seed S (2)] [--out DIR]}.
 */
public final class DetectorBenchmark {

    /** The delay step's plan: a short warm-up (the baselines are learnt from the load) and one fault of each kind. */
    static final FaultPlan DELAY_PLAN = FaultPlan.evaluation(Duration.ofMinutes(2), FaultPlan.DEFAULT_DURATION,
            FaultPlan.DEFAULT_RECOVERY, 1);
    private static final double RATE = 20;
    private static final long BATCH_MILLIS = 1000;
    private static final int MAX_BATCH = 512;

    private DetectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: DetectorBenchmark load|drain|delay [options]");
        }
        Options options = Options.parse(args);
        switch (args[0]) {
            case "load" -> load(options);
            case "drain" -> drain(options);
            case "delay" -> delay(options);
            default -> throw new IllegalArgumentException("unknown step " + args[0] + "; load, drain or delay");
        }
    }

    private record Options(String telemetry, String detector, long pid, int trialsPerKind, long seed, double speed,
            int quietSeconds, Path out) {

        static Options parse(String[] args) {
            String telemetry = "http://127.0.0.1:8081";
            String detector = "http://127.0.0.1:8082";
            long pid = -1;
            int trialsPerKind = 3;
            long seed = -1;
            double speed = 10;
            int quietSeconds = 10;
            Path out = Path.of("benchmarks/target/bench-detector");
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--telemetry" -> telemetry = args[++i];
                    case "--detector" -> detector = args[++i];
                    case "--pid" -> pid = Long.parseLong(args[++i]);
                    case "--trials-per-kind" -> trialsPerKind = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    case "--quiet-seconds" -> quietSeconds = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!args[0].equals("load") && pid <= 0) {
                throw new IllegalArgumentException("--pid of the detector-service process is required");
            }
            if (args[0].equals("delay") && !(speed >= 1)) {
                throw new IllegalArgumentException("--speed must be at least 1: the delay is measured on a paced run");
            }
            return new Options(telemetry, detector, pid, trialsPerKind, seed, speed, quietSeconds, out);
        }

        long seedOr(long fallback) {
            return seed < 0 ? fallback : seed;
        }
    }

    private static void load(Options o) throws IOException, InterruptedException {
        FaultPlan plan = FaultPlan.evaluation(FaultPlan.DEFAULT_WARMUP, FaultPlan.DEFAULT_DURATION,
                FaultPlan.DEFAULT_RECOVERY, o.trialsPerKind());
        Instant start = Instant.now().minus(plan.total()).minus(DELAY_PLAN.total()).minus(Duration.ofMinutes(1));
        HttpTelemetrySink sink = new HttpTelemetrySink(o.telemetry());
        System.out.printf(Locale.ROOT, "load: %d trial(s) per kind after %d min warm-up, %d min simulated from %s,"
                + " unpaced%n", o.trialsPerKind(), plan.warmup().toMinutes(), plan.total().toMinutes(), start);
        long began = System.nanoTime();
        new FaultInjectionRun(new FaultInjectionRun.Settings(new SimClock(start, 0), RATE, o.seedOr(1), plan,
                BATCH_MILLIS, MAX_BATCH), sink, new FaultInjectionRun.Listener() {
                    @Override
                    public void injected(Injection injection) {
                    }

                    @Override
                    public void progress(String line) {
                        System.out.println("load: " + line);
                    }
                }).run();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "load: %d HTTP requests in %.0f s, %d retried, %d span(s) rejected; "
                + "last event time %s%n", sink.requests(), seconds, sink.retries(), sink.rejectedSpans(),
                start.plus(plan.total()));
    }

    private record Sample(double seconds, long events, double cpu, double rss, Instant watermark) {
    }

    private static void drain(Options o) throws IOException, InterruptedException {
        DetectorApi api = new DetectorApi(o.detector());
        long began = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        Sample first = null;
        Sample lastGrowth = null;
        System.out.printf("%8s %12s %12s %10s %10s  %s%n", "t (s)", "events", "events/s", "CPU-s", "RSS (MB)",
                "watermark");
        while (true) {
            Thread.sleep(1000);
            DetectorApi.Engine engine;
            try {
                engine = api.engine();
            } catch (IOException e) {
                // Still starting; once it has applied events, a failed read is a failure.
                if (first == null && (System.nanoTime() - began) / 1e9 < 300) {
                    continue;
                }
                throw e;
            }
            Sample s = new Sample((System.nanoTime() - began) / 1e9, engine.events(), ProcessStats.cpuSeconds(o.pid()),
                    ProcessStats.residentMegabytes(o.pid()), engine.watermark());
            if (first == null) {
                if (s.events() == 0) {
                    continue;
                }
                first = s;
                lastGrowth = s;
            }
            samples.add(s);
            if (s.events() > lastGrowth.events()) {
                lastGrowth = s;
            }
            if (samples.size() % 10 == 0) {
                Sample before = samples.get(samples.size() - 11 < 0 ? 0 : samples.size() - 11);
                System.out.printf(Locale.ROOT, "%8.0f %,12d %,12.0f %10.1f %10.1f  %s%n", s.seconds() - first.seconds(),
                        s.events(), (s.events() - before.events()) / Math.max(s.seconds() - before.seconds(), 1e-9),
                        s.cpu() - first.cpu(), s.rss(), s.watermark());
            }
            if (s.seconds() - lastGrowth.seconds() >= o.quietSeconds()) {
                break;
            }
        }
        long events = lastGrowth.events() - first.events();
        double seconds = lastGrowth.seconds() - first.seconds();
        double cpu = lastGrowth.cpu() - first.cpu();
        double maxRss = samples.stream().mapToDouble(Sample::rss).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%ndrain: %,d events applied in %.1f s from the first poll that saw events "
                + "(%,d applied before it, start-up excluded): %,.0f events/s%n", events, seconds, first.events(),
                events / seconds);
        System.out.printf(Locale.ROOT, "detector-service CPU: %.1f CPU-s over the drain (%.2f cores): %,.0f events per"
                + " CPU-second%n", cpu, cpu / seconds, events / cpu);
        System.out.printf(Locale.ROOT, "detector-service resident memory: %.0f MB at the first poll, %.0f MB at the end,"
                + " %.0f MB at most%n", first.rss(), samples.get(samples.size() - 1).rss(), maxRss);
        System.out.printf("detector-service total: %,d events applied, watermark %s%n", lastGrowth.events(),
                lastGrowth.watermark());
    }

    private record Delay(DetectorApi.Incident incident, AcknowledgedExports.Export ingested, Instant published,
            Duration toOpened, Duration toPublished, Duration sentToPublished) {
    }

    private static void delay(Options o) throws IOException, InterruptedException {
        DetectorApi api = new DetectorApi(o.detector());
        DetectorApi.Engine engine = api.engine();
        Instant now = Instant.now();
        // Continue just past the engine's event time, so that no event arrives behind its watermark.
        Instant start = engine.watermark().plusSeconds(5);
        Instant latestAllowed = now.minus(Duration.ofMillis((long) (DELAY_PLAN.total().toMillis() * (1 - 1 / o.speed()))));
        if (start.isAfter(latestAllowed)) {
            throw new IllegalStateException("the engine's watermark " + engine.watermark() + " is too recent for a run of "
                    + DELAY_PLAN.total() + " at x" + o.speed() + " to stay behind the wall clock");
        }
        AcknowledgedExports exports = new AcknowledgedExports(new HttpTelemetrySink(o.telemetry()));
        List<Injection> injections = new ArrayList<>();
        Files.createDirectories(o.out());
        System.out.printf(Locale.ROOT, "delay: %d min simulated at x%.0f from %s (engine watermark %s), a fault of each"
                + " kind after %d min%n", DELAY_PLAN.total().toMinutes(), o.speed(), start, engine.watermark(),
                DELAY_PLAN.warmup().toMinutes());
        double cpuBefore = ProcessStats.cpuSeconds(o.pid());
        long eventsBefore = engine.events();
        long began = System.nanoTime();
        new FaultInjectionRun(new FaultInjectionRun.Settings(new SimClock(start, o.speed()), RATE, o.seedOr(2),
                DELAY_PLAN, BATCH_MILLIS, MAX_BATCH), exports, new FaultInjectionRun.Listener() {
                    @Override
                    public void injected(Injection injection) {
                        injections.add(injection);
                    }

                    @Override
                    public void progress(String line) {
                        System.out.println("delay: " + line);
                    }
                }).run();
        double runSeconds = (System.nanoTime() - began) / 1e9;

        DetectorApi.Engine caughtUp = waitForEngine(api, exports.latestEventTime());
        double cpu = ProcessStats.cpuSeconds(o.pid()) - cpuBefore;
        long events = caughtUp.events() - eventsBefore;
        System.out.printf(Locale.ROOT, "delay: sent in %.0f s; detector-service applied %,d events (%,.0f/s over the run)"
                + " with %.1f CPU-s (%.2f cores); watermark %s%n", runSeconds, events, events / runSeconds, cpu,
                cpu / runSeconds, caughtUp.watermark());

        List<DetectorApi.Incident> incidents = waitForAnnouncements(api, start);
        List<Delay> delays = new ArrayList<>();
        int unmatched = 0;
        int unpublished = 0;
        for (DetectorApi.Incident incident : incidents) {
            Optional<AcknowledgedExports.Export> export = exports.firstReaching(incident.firstSeen());
            Instant published = incident.anomalyId() == null ? null : api.publishedAt(incident.anomalyId());
            if (export.isEmpty()) {
                unmatched++;
            } else if (published == null) {
                unpublished++;
            } else {
                Instant ingested = export.get().acknowledgedAt();
                delays.add(new Delay(incident, export.get(), published, Duration.between(ingested, incident.openedAt()),
                        Duration.between(ingested, published), Duration.between(export.get().sentAt(), published)));
            }
        }
        delays.sort(Comparator.comparing(d -> d.incident().firstSeen()));
        write(o.out(), injections, delays);
        System.out.printf("%n%-13s %-10s %-34s %-28s %10s %12s%n", "capability", "service", "handler",
                "first seen (event time)", "to stored", "to published");
        for (Delay d : delays) {
            System.out.printf(Locale.ROOT, "%-13s %-10s %-34s %-28s %8.2f s %10.2f s%n", d.incident().capability(),
                    d.incident().service(), truncate(d.incident().handler(), 34), d.incident().firstSeen(),
                    d.toOpened().toMillis() / 1000.0, d.toPublished().toMillis() / 1000.0);
        }
        System.out.printf("%n%d faults injected; %d incidents opened during the run, %d measured", injections.size(),
                incidents.size(), delays.size());
        if (unmatched + unpublished > 0) {
            System.out.printf(" (%d after the last export, %d not published)", unmatched, unpublished);
        }
        System.out.println();
        if (!delays.isEmpty()) {
            printPercentiles("ingest (export acknowledged) to anomaly published", delays.stream().map(Delay::toPublished).toList());
            printPercentiles("ingest (export acknowledged) to incident stored", delays.stream().map(Delay::toOpened).toList());
            printPercentiles("export sent to anomaly published", delays.stream().map(Delay::sentToPublished).toList());
        }
        System.out.println("ground truth and per-incident delays: " + o.out().toAbsolutePath());
    }

    /** Waits until the engine has applied everything sent (its watermark passed it and its count is steady). */
    private static DetectorApi.Engine waitForEngine(DetectorApi api, Instant latestSent)
            throws IOException, InterruptedException {
        DetectorApi.Engine last = api.engine();
        int steady = 0;
        for (int i = 0; i < 600 && steady < 5; i++) {
            Thread.sleep(1000);
            DetectorApi.Engine now = api.engine();
            steady = now.events() == last.events() && !now.watermark().isBefore(latestSent) ? steady + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The incidents first seen since {@code since}, once their anomalies are published (at most a minute). */
    private static List<DetectorApi.Incident> waitForAnnouncements(DetectorApi api, Instant since)
            throws IOException, InterruptedException {
        List<DetectorApi.Incident> incidents = List.of();
        for (int i = 0; i < 60; i++) {
            incidents = api.incidents().stream().filter(x -> !x.firstSeen().isBefore(since)).toList();
            boolean pending = false;
            for (DetectorApi.Incident incident : incidents) {
                pending |= incident.anomalyId() != null && api.publishedAt(incident.anomalyId()) == null;
            }
            if (!pending) {
                break;
            }
            Thread.sleep(1000);
        }
        return incidents;
    }

    private static void printPercentiles(String what, List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%s: count %d, p50 %.2f s, p95 %.2f s, max %.2f s (min %.2f s)%n", what,
                sorted.size(), seconds(percentile(sorted, 0.50)), seconds(percentile(sorted, 0.95)),
                seconds(sorted.get(sorted.size() - 1)), seconds(sorted.get(0)));
    }

    /** Nearest rank. */
    static Duration percentile(List<Duration> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "~";
    }

    private static void write(Path dir, List<Injection> injections, List<Delay> delays) throws IOException {
        Files.write(dir.resolve("truth.jsonl"), injections.stream().map(Injection::toJsonLine).toList());
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("delays.tsv"), StandardCharsets.UTF_8)) {
            out.write("capability\tservice\thandler\tfirstSeen\tsent\tingested\topenedAt\tpublishedAt\tto_stored_ms\t"
                    + "to_published_ms\tsent_to_published_ms\tincident");
            out.newLine();
            for (Delay d : delays) {
                out.write(String.join("\t", d.incident().capability(), d.incident().service(), d.incident().handler(),
                        d.incident().firstSeen().toString(), d.ingested().sentAt().toString(),
                        d.ingested().acknowledgedAt().toString(), d.incident().openedAt().toString(),
                        d.published().toString(), Long.toString(d.toOpened().toMillis()),
                        Long.toString(d.toPublished().toMillis()), Long.toString(d.sentToPublished().toMillis()),
                        d.incident().id()));
                out.newLine();
            }
        }
    }
}
