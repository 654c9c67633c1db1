package dev.selfheal.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plays the sample workload against a running telemetry-service: a steady phase on checkout 1.0.0, then the
 * release of 1.1.0 with its latency regression.
 *
 * <p>Usage: {@code java -cp "workload.jar:lib/*" dev.selfheal.workload.WorkloadMain [--telemetry URL] [--steady N] [--regression N] [--rate TRACES_PER_S]
 * [--healer URL] [--watch-only]}. With {@code --healer}, it waits for the fix proposal that answers the regression and prints
 * how to approve it; with {@code --watch-only} it sends nothing and explains every proposal as it appears, until
 * stopped (what {@code ./selfheal up} runs beside the fault-injection shop).
 */
public final class WorkloadMain {

    private WorkloadMain() {
    }

    public static void main(String[] args) throws Exception {
        String telemetry = "http://127.0.0.1:8081";
        // 40 s steady at 40 traces/s: about 1,200 orders, enough for the latency baseline (300 samples beyond its 20 s
        // window); then 15 s of the slow release.
        int steady = 1600;
        int regression = 600;
        int rate = 40;
        String healer = null;
        boolean watchOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--telemetry" -> telemetry = args[++i];
                case "--steady" -> steady = Integer.parseInt(args[++i]);
                case "--regression" -> regression = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--healer" -> healer = args[++i];
                case "--watch-only" -> watchOnly = true;
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (watchOnly) {
            if (healer == null) {
                System.err.println("--watch-only needs --healer URL");
                System.exit(2);
            }
            new ProposalWatcher(healer).watch(java.time.Duration.ofSeconds(5));
            return;
        }
        TelemetryClient client = new TelemetryClient(telemetry);
        ShopWorkload shop = new ShopWorkload(System.nanoTime());
        play(client, shop, ShopWorkload.STEADY, steady, rate);
        System.out.println("workload: checkout 1.1.0 released (its orders now spend ~180 ms in checkout itself)");
        play(client, shop, ShopWorkload.REGRESSION, regression, rate);
        System.out.println("workload: done");
        if (healer != null) {
            new ProposalWatcher(healer).awaitAndExplain(java.time.Duration.ofMinutes(3));
        }
    }

    /** Sends {@code count} traces in real time at {@code rate} per second, one batch per second. */
    static void play(TelemetryClient client, ShopWorkload shop, ShopWorkload.Release release, int count, int rate)
            throws Exception {
        long spacing = Math.max(1, 1000 / rate);
        int sent = 0;
        while (sent < count) {
            int now = Math.min(rate, count - sent);
            long began = System.currentTimeMillis();
            List<Map<String, Object>> batch = new ArrayList<>();
            shop.traces(release, now, Instant.now(), spacing).forEach(batch::addAll);
            client.send(batch);
            sent += now;
            System.out.printf("workload: checkout %s, %d/%d traces sent%n", release.version(), sent, count);
            Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - began)));
        }
    }
}
