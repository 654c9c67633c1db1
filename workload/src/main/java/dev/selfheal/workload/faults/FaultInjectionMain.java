package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.HttpTelemetrySink;
import dev.selfheal.workload.shop.SimClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Plays the simulated shop against a running telemetry-service with faults injected, and writes their ground
 * truth as JSON lines.
 *
 * <pre>
 * java -cp 'workload/target/workload-0.1.0-SNAPSHOT.jar:workload/target/lib/*' \
 *     dev.selfheal.workload.faults.FaultInjectionMain [options]
 *   --telemetry URL        telemetry-service (default http://127.0.0.1:8081)
 *   --speed X              simulated seconds per wall-clock second (default 1; 0 = as fast as possible)
 *   --rate R               requests per simulated second (default 20)
 *   --trials-per-kind N    trials of each of the seven kinds (default 3)
 *   --seed S               seed of every random choice (default 1)
 *   --truth FILE           ground truth, one JSON line per fault (default fault-truth.jsonl)
 *   --warmup D             time without faults first (default 15m)
 *   --duration D           how long each fault lasts (default 2m)
 *   --recovery D           time without a fault after each one (default 4m)
 *   --continuous           for ./selfheal up: real time, a fault every --interval, forever
 *   --interval D           mean time between fault starts when continuous (default 10m)
 *   --start INSTANT        the simulated start (default: now, or now minus the run's length when accelerated)
 *   --batch-ms N           simulated time one span export covers at most (default 1000)
 * </pre>
 * Durations are written {@code 90s}, {@code 15m}, {@code 1h} or ISO-8601 ({@code PT2M}); times in the ground truth
 * and the spans are simulated time.
 */
public final class FaultInjectionMain {

    private static final int MAX_BATCH = 512;

    private FaultInjectionMain() {
    }

    public static void main(String[] args) throws Exception {
        String telemetry = "http://127.0.0.1:8081";
        double speed = 1;
        double rate = 20;
        int trialsPerKind = 3;
        long seed = 1;
        Path truthFile = Path.of("fault-truth.jsonl");
        Duration warmup = FaultPlan.DEFAULT_WARMUP;
        Duration duration = FaultPlan.DEFAULT_DURATION;
        Duration recovery = FaultPlan.DEFAULT_RECOVERY;
        Duration interval = FaultPlan.DEFAULT_INTERVAL;
        boolean continuous = false;
        Instant start = null;
        long batchMillis = 1000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--telemetry" -> telemetry = value(args, ++i);
                    case "--speed" -> speed = Double.parseDouble(value(args, ++i));
                    case "--rate" -> rate = Double.parseDouble(value(args, ++i));
                    case "--trials-per-kind" -> trialsPerKind = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--truth" -> truthFile = Path.of(value(args, ++i));
                    case "--warmup" -> warmup = duration(value(args, ++i));
                    case "--duration" -> duration = duration(value(args, ++i));
                    case "--recovery" -> recovery = duration(value(args, ++i));
                    case "--interval" -> interval = duration(value(args, ++i));
                    case "--continuous" -> continuous = true;
                    case "--start" -> start = Instant.parse(value(args, ++i));
                    case "--batch-ms" -> batchMillis = Long.parseLong(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (continuous && (speed == 0 || speed > 1)) {
                throw new IllegalArgumentException("--continuous runs at most in real time (--speed 1 or less): "
                        + "an endless accelerated run would get ahead of the wall clock");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println("faultgen: " + e.getMessage());
            System.exit(2);
            return;
        }
        FaultPlan plan = continuous ? FaultPlan.continuous(warmup, duration, interval)
                : FaultPlan.evaluation(warmup, duration, recovery, trialsPerKind);
        if (start == null) {
            start = continuous || speed == 1 ? Instant.now() : SimClock.startBehindWallClock(plan.total());
        }
        FaultInjectionRun.Settings settings = new FaultInjectionRun.Settings(new SimClock(start, speed), rate, seed, plan,
                batchMillis, MAX_BATCH);
        System.out.printf("faultgen: seed %d, %s, ground truth in %s%n", seed, continuous
                ? "a fault every ~" + interval.toMinutes() + " min after " + warmup.toMinutes() + " min"
                : trialsPerKind + " trial(s) per kind after " + warmup.toMinutes() + " min warm-up, "
                        + plan.total().toMinutes() + " min simulated", truthFile);
        HttpTelemetrySink sink = new HttpTelemetrySink(telemetry);
        try (BufferedWriter truth = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
            new FaultInjectionRun(settings, sink, new FaultInjectionRun.Listener() {
                @Override
                public void injected(Injection injection) throws IOException {
                    truth.write(injection.toJsonLine());
                    truth.newLine();
                    truth.flush();
                }

                @Override
                public void progress(String line) {
                    System.out.println("faultgen: " + line);
                }
            }).run();
        }
        System.out.printf("faultgen: %d HTTP requests, %d retried, %d span(s) rejected by telemetry-service%n",
                sink.requests(), sink.retries(), sink.rejectedSpans());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 500ms} or ISO-8601. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("a duration is like 90s, 15m, 1h or PT2M, not " + text);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a duration is like 90s, 15m, 1h or PT2M, not " + text);
        }
    }
}
