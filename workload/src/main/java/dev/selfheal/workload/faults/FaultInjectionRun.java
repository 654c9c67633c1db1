package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Perturbation;
import dev.selfheal.workload.shop.ShopTraffic;
import dev.selfheal.workload.shop.SimClock;
import dev.selfheal.workload.shop.SpanExporter;
import dev.selfheal.workload.shop.TelemetrySink;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Plays the shop with faults injected as a plan says. At the start every service's evidence (OpenAPI document,
 * JaCoCo report) is published; requests then arrive as a Poisson process at {@code rate} per simulated second.
 * At a trial's onset its fault is drawn, its release (if any) deployed and that version's evidence published
 * before the first request it serves, and its ground truth written; at its end the release is rolled back and the
 * shop is healthy again. Spans ended before a boundary are sent before the boundary's evidence.
 *
 * <p>Three generators derive from the seed: arrivals, traffic (and the faults' per-request decisions), fault
 * drawing. A run is the same for the same seed, start, plan and rate, whatever the speed.
 */
public final class FaultInjectionRun {

    /**
     * What a run needs.
     *
     * @param clock     simulated time and how fast it runs
     * @param ratePerSecond mean requests per simulated second
     * @param seed      the seed of every random choice
     * @param plan      when faults happen
     * @param batchMillis the simulated time a span export request covers at most
     * @param maxBatch  the spans an export request holds at most
     */
    public record Settings(SimClock clock, double ratePerSecond, long seed, FaultPlan plan, long batchMillis,
            int maxBatch) {

        public Settings {
            if (!(ratePerSecond > 0)) {
                throw new IllegalArgumentException("the request rate must be positive");
            }
        }
    }

    /** Where ground truth and progress go. */
    public interface Listener {
        /** A fault begins; its ground truth. */
        void injected(Injection injection) throws IOException;

        /** A fault ended. */
        default void recovered(Injection injection) {
        }

        /** A line of progress for a person watching. */
        default void progress(String line) {
        }
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(5);

    private final Settings settings;
    private final TelemetrySink sink;
    private final Listener listener;
    private final Deployment deployment = new Deployment();
    private final SplittableRandom arrivals;
    private final ShopTraffic traffic;
    private final FaultCatalog catalog;
    private final SplittableRandom planRandom;
    private final SpanExporter exporter;
    private long requests;

    public FaultInjectionRun(Settings settings, TelemetrySink sink, Listener listener) {
        this.settings = settings;
        this.sink = sink;
        this.listener = listener;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.arrivals = root.split();
        this.traffic = new ShopTraffic(deployment, root.split());
        this.catalog = new FaultCatalog(root.split());
        this.planRandom = root.split();
        this.exporter = new SpanExporter(sink, settings.batchMillis(), settings.maxBatch());
    }

    /** Runs the plan to its end (an evaluation plan) or until interrupted (a continuous one). */
    public void run() throws IOException, InterruptedException {
        SimClock clock = settings.clock();
        long start = clock.startNanos();
        long stop = settings.plan().isContinuous() ? Long.MAX_VALUE : start + settings.plan().total().toNanos();
        for (Deployment.Evidence evidence : deployment.initialEvidence()) {
            publish(evidence);
        }
        listener.progress("shop started at " + clock.start() + " (simulated), " + settings.ratePerSecond()
                + " requests/s, speed " + (clock.speed() == 0 ? "unpaced" : "x" + clock.speed()));
        Iterator<FaultPlan.Trial> trials = settings.plan().trials(planRandom);
        FaultPlan.Trial next = trials.hasNext() ? trials.next() : null;
        Active active = null;
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        long now = start;
        while (true) {
            now += (long) (-Math.log(1 - arrivals.nextDouble()) / settings.ratePerSecond() * NANOS_PER_SECOND);
            if (now >= stop) {
                break;
            }
            if (active != null && active.end <= now) {
                end(active);
                active = null;
            }
            if (active == null && next != null && start + next.onset().toNanos() <= now) {
                active = begin(next, start);
                next = trials.hasNext() ? trials.next() : null;
            }
            clock.waitUntil(now);
            exporter.advanceTo(now);
            exporter.record(traffic.request(now, active == null ? Perturbation.NONE : active.fault()));
            requests++;
            if (now >= nextProgress) {
                listener.progress(String.format("%s simulated: %d requests, %d spans in %d export requests",
                        SimClock.instant(now), requests, exporter.exportedSpans(), exporter.requests()));
                nextProgress += PROGRESS_EVERY.toNanos();
            }
        }
        if (active != null) {
            end(active);
        }
        clock.waitUntil(stop);
        exporter.drain();
        listener.progress(String.format("done: %d requests, %d spans in %d export requests", requests,
                exporter.exportedSpans(), exporter.requests()));
    }

    private record Active(Fault fault, Injection truth, long end, String rollBackTo) {
    }

    private Active begin(FaultPlan.Trial trial, long start) throws IOException, InterruptedException {
        long onset = start + trial.onset().toNanos();
        long end = start + trial.end().toNanos();
        settings.clock().waitUntil(onset);
        exporter.advanceTo(onset);
        exporter.flush();
        Fault fault = catalog.draw(trial.kind(), deployment);
        Deployment.Release release = fault.release();
        String service = fault.service();
        String before = deployment.version(service);
        if (release != null) {
            publish(deployment.deploy(release));
        }
        Injection truth = fault.truth(trial.number(), SimClock.instant(onset), SimClock.instant(end),
                deployment.version(service), release == null ? null : before);
        listener.injected(truth);
        listener.progress("trial " + trial.number() + " starts at " + truth.onset() + ": " + truth.describe());
        return new Active(fault, truth, end, release == null ? null : before);
    }

    private void end(Active active) throws IOException, InterruptedException {
        long end = SimClock.nanos(active.truth().end());
        settings.clock().waitUntil(end);
        exporter.advanceTo(end);
        exporter.flush();
        if (active.rollBackTo() != null) {
            deployment.rollBack(active.truth().service(), active.rollBackTo());
        }
        listener.recovered(active.truth());
        listener.progress("trial " + active.truth().trial() + " ends at " + active.truth().end() + ": "
                + active.truth().kind() + " " + active.truth().variant() + " on " + active.truth().service()
                + (active.rollBackTo() == null ? "" : ", rolled back to " + active.rollBackTo()));
    }

    private void publish(Deployment.Evidence evidence) throws IOException, InterruptedException {
        sink.spec(evidence.service(), evidence.version(), evidence.openApi());
        sink.testReport(evidence.service(), evidence.version(), evidence.jacoco());
    }
}
