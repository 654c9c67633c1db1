package dev.selfheal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends OTLP/HTTP protobuf trace exports to a running telemetry-service as fast as it accepts them, for a bounded
 * time, and reports what the service achieved: spans accepted per second, spans per CPU-second of the service's
 * process (from /proc, so the generator's own CPU does not count) and the process's resident memory over time.
 * A 2xx from telemetry-service means the spans are stored and acknowledged by Kafka, so this measures the whole
 * ingest path, end to end into Kafka.
 *
 * <p>Usage: {@code OtlpLoadGenerator --pid PID [--url http://127.0.0.1:8081] [--seconds 300] [--senders 3]
 * [--traces 250] [--sample-seconds 10] [--warmup 60]}: the first {@code --warmup} seconds are loaded but not
 * measured, then {@code --seconds} are. Loopback only; it stops by itself.
 */
public final class OtlpLoadGenerator {

    /** Linux reports process CPU time in clock ticks of 1/100 s on every platform the JDK supports. */
    private static final double TICKS_PER_SECOND = 100.0;

    private OtlpLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8081";
        long pid = -1;
        int seconds = 300;
        int senders = 3;
        int traces = 250;
        int sampleSeconds = 10;
        int warmupSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--senders" -> senders = Integer.parseInt(args[++i]);
                case "--traces" -> traces = Integer.parseInt(args[++i]);
                case "--sample-seconds" -> sampleSeconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid of the telemetry-service process is required");
        }
        URI endpoint = URI.create(url.replaceAll("/+$", "") + "/v1/traces");
        if (!endpoint.getHost().equals("127.0.0.1") && !endpoint.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is only sent to this machine's loopback interface");
        }
        run(endpoint, pid, seconds, warmupSeconds, senders, traces, sampleSeconds);
    }

    private static void run(URI endpoint, long pid, int seconds, int warmupSeconds, int senders, int traces,
            int sampleSeconds) throws Exception {
        // HTTP/1.1, as the OpenTelemetry SDK's default OTLP/HTTP sender (OkHttp) speaks it to a plain-text endpoint.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + (long) seconds);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        for (int s = 0; s < senders; s++) {
            long seed = s;
            pool.execute(() -> send(http, endpoint, new OtlpBatches(seed), traces, deadline, accepted, refused));
        }
        pool.shutdown();
        if (warmupSeconds > 0) {
            // The JIT compiles the hot paths during the first tens of seconds; like JMH's warm-up iterations, this
            // time is loaded but not counted, and its figures are printed apart.
            double cpuBefore = cpuSeconds(pid);
            pool.awaitTermination(warmupSeconds, TimeUnit.SECONDS);
            System.out.printf("warm-up: %d s, %d spans accepted, %.1f CPU-s of telemetry-service, RSS %.1f MB%n",
                    warmupSeconds, accepted.get(), cpuSeconds(pid) - cpuBefore, residentMegabytes(pid));
        }

        System.out.printf("%8s %12s %14s %16s %10s%n", "t (s)", "spans/s", "CPU-s (svc)", "spans/CPU-s", "RSS (MB)");
        long startSpans = accepted.get();
        double startCpu = cpuSeconds(pid);
        long startNanos = System.nanoTime();
        List<Double> rss = new ArrayList<>();
        long lastSpans = startSpans;
        double lastCpu = startCpu;
        while (!pool.awaitTermination(sampleSeconds, TimeUnit.SECONDS)) {
            long spans = accepted.get();
            double cpu = cpuSeconds(pid);
            double memory = residentMegabytes(pid);
            rss.add(memory);
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf("%8.0f %12.0f %14.2f %16.0f %10.1f%n", elapsed, (spans - lastSpans) / (double) sampleSeconds,
                    cpu - lastCpu, (spans - lastSpans) / Math.max(cpu - lastCpu, 1e-9), memory);
            lastSpans = spans;
            lastCpu = cpu;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long spans = accepted.get() - startSpans;
        double cpu = cpuSeconds(pid) - startCpu;
        System.out.printf("%nspans accepted: %d in %.0f s (%.0f spans/s); refused requests (503/429): %d%n", spans,
                elapsed, spans / elapsed, refused.get());
        System.out.printf("telemetry-service CPU: %.1f s, %.0f spans per CPU-second%n", cpu, spans / cpu);
        if (!rss.isEmpty()) {
            System.out.printf("resident memory: first sample %.1f MB, last %.1f MB, max %.1f MB%n", rss.get(0),
                    rss.get(rss.size() - 1), rss.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
    }

    private static void send(HttpClient http, URI endpoint, OtlpBatches batches, int traces, long deadline,
            AtomicLong accepted, AtomicLong refused) {
        while (System.nanoTime() < deadline) {
            byte[] body = batches.request(traces).toByteArray();
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    accepted.addAndGet(traces * 2L);
                } else if (response.statusCode() == 503 || response.statusCode() == 429) {
                    refused.incrementAndGet();
                    Thread.sleep(response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000);
                } else {
                    throw new IllegalStateException("telemetry-service answered " + response.statusCode());
                }
            } catch (IOException e) {
                refused.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** User plus system CPU time of the process, from fields 14 and 15 of /proc/PID/stat. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    static double residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
