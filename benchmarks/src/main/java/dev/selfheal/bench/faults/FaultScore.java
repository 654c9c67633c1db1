package dev.selfheal.bench.faults;

import dev.selfheal.bench.faults.Alerts.Alert;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.workload.faults.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores findings and alerts against the ground truth of injected faults.
 *
 * <p><b>Detected</b>: a finding of the fault's capability about the fault's target (same service, and the same
 * handler, dependency or state key when the fault names one; for BEHAVIORAL the flow's entry may be the owner's
 * service or a service calling it, as a trace's root is) whose event time lies between the onset and the end plus
 * {@code grace}. The delay is that finding's event time minus the onset.
 *
 * <p><b>False alarm</b>: an alert (an announced incident) that no injected fault explains: its first finding is
 * outside every fault's window (onset to end plus the resolve time), or inside one but about a service that is
 * neither the faulty service, nor a service calling it (directly or through others, as errors and latency travel
 * up a call chain), nor the faulty dependency. Alerts in the warm-up are false alarms too.
 */
final class FaultScore {

    /** One capability's figures. */
    record KindResult(Capability kind, int trials, int detected, List<Duration> delays, int alerts, int falseAlarms,
            List<String> misses, List<String> falseAlarmSummaries) {

        double recall() {
            return trials == 0 ? Double.NaN : (double) detected / trials;
        }

        double falseAlarmShare() {
            return alerts == 0 ? 0 : (double) falseAlarms / alerts;
        }

        Optional<Duration> medianDelay() {
            return percentile(0.5);
        }

        Optional<Duration> p95Delay() {
            return percentile(0.95);
        }

        private Optional<Duration> percentile(double q) {
            if (delays.isEmpty()) {
                return Optional.empty();
            }
            List<Duration> sorted = delays.stream().sorted().toList();
            int index = (int) Math.ceil(q * sorted.size()) - 1;
            return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
        }
    }

    private final Map<String, Set<String>> calls;
    private final Duration grace;
    private final Duration relatedAfter;

    FaultScore(Map<String, Set<String>> calls, Duration grace, Duration relatedAfter) {
        this.calls = calls;
        this.grace = grace;
        this.relatedAfter = relatedAfter;
    }

    Map<Capability, KindResult> score(List<Injection> injections, List<Finding> findings, List<Alert> alerts) {
        Map<Capability, KindResult> results = new EnumMap<>(Capability.class);
        for (Capability kind : Capability.values()) {
            List<Injection> trials = injections.stream().filter(i -> i.kind().name().equals(kind.name())).toList();
            List<Duration> delays = new ArrayList<>();
            List<String> misses = new ArrayList<>();
            for (Injection injection : trials) {
                Optional<Finding> first = findings.stream()
                        .filter(f -> f.capability() == kind && detects(f, injection))
                        .min((a, b) -> a.detectedAt().compareTo(b.detectedAt()));
                if (first.isPresent()) {
                    delays.add(Duration.between(injection.onset(), first.get().detectedAt()));
                } else {
                    misses.add(injection.describe());
                }
            }
            List<Alert> ofKind = alerts.stream().filter(a -> a.capability() == kind).toList();
            List<String> falseAlarms = ofKind.stream().filter(a -> injections.stream().noneMatch(i -> explains(i, a)))
                    .map(a -> a.firstSeen() + " " + a.service() + " " + a.handler() + " [" + a.signature() + "] "
                            + a.summary())
                    .toList();
            results.put(kind, new KindResult(kind, trials.size(), delays.size(), delays, ofKind.size(),
                    falseAlarms.size(), misses, falseAlarms));
        }
        return results;
    }

    private boolean detects(Finding f, Injection i) {
        Instant at = f.detectedAt();
        if (at.isBefore(i.onset()) || at.isAfter(i.end().plus(grace))) {
            return false;
        }
        return switch (f.capability()) {
            case DEPENDENCY -> f.service().equals(i.service()) && f.handler().equals(i.dependency());
            case STATE -> f.service().equals(i.service()) && (i.key() == null || f.signature().contains(i.key())
                    || f.details().containsValue(i.key()));
            case BEHAVIORAL -> f.service().equals(i.service()) || callers(i.service()).contains(f.service());
            default -> f.service().equals(i.service()) && (i.handler() == null || f.handler().equals(i.handler()));
        };
    }

    /** Whether the fault explains the alert: first seen within its window, about a related service. */
    boolean explains(Injection i, Alert a) {
        if (a.firstSeen().isBefore(i.onset()) || a.firstSeen().isAfter(i.end().plus(relatedAfter))) {
            return false;
        }
        return a.service().equals(i.service()) || callers(i.service()).contains(a.service())
                || (i.dependency() != null && a.handler().equals(i.dependency()));
    }

    /** Services that call {@code service}, directly or through others. */
    private Set<String> callers(String service) {
        Set<String> found = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(service));
        while (!todo.isEmpty()) {
            String callee = todo.pop();
            calls.forEach((caller, targets) -> {
                if (targets.contains(callee) && found.add(caller)) {
                    todo.push(caller);
                }
            });
        }
        return found;
    }
}
