package dev.selfheal.detection.behaviour;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.flow.FlowModel;
import dev.selfheal.detection.flow.FlowVerdict;
import dev.selfheal.detection.flow.Precedence;
import dev.selfheal.detection.flow.Violation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link BehaviourDetector} knows of one entry step: the flow variants learnt from its traffic and the model
 * learnt from them, the variants held in quarantine, and the window of recently judged traces in which violations
 * must recur before they are raised.
 *
 * <p>Traces are learnt only when they are clean. A trace with a violation is quarantined instead: were it learnt,
 * a fault in every trace would make its own flow normal within a few relearnings (the support is a share of the
 * traffic), and the finding would stop while the fault still holds. A quarantined variant seen a few times is learnt
 * at the next relearning, which is how legitimately rare paths missed during cold start are picked up, but only if
 * none of its signatures recurs in the window (a fault's first traces must not become normal before the fault is
 * raised: they would teach the model the fault's order) and none was ever raised; a raised signature needs a person's
 * {@code FALSE_POSITIVE} for its flows to become normal.
 */
final class EntryFlows {

    static final String MISSING_STEP = "missing-step:";
    static final String UNSEEN_STEP = "unseen-step:";
    static final String UNSEEN_TRANSITION = "unseen-transition:";
    static final String REORDERED = "reordered:";
    static final String COUNT = "count-invariant:";
    static final String UNDOCUMENTED_FLOW = "undocumented-flow";
    private static final int MAX_SIGNATURES = 64;

    final String entry;
    final String service;
    final String handler;
    private final BehaviourSettings settings;

    long traces;
    int sinceLearn;
    final Map<List<String>, Long> learnt = new HashMap<>();
    final Map<List<String>, Long> fresh = new HashMap<>();
    final LinkedHashMap<List<String>, Quarantined> quarantined = new LinkedHashMap<>();
    final ArrayDeque<Observed> window = new ArrayDeque<>();
    final TreeMap<String, Integer> windowCounts = new TreeMap<>();
    final Map<String, Long> onsets = new TreeMap<>();
    final Map<String, Long> lastRaised = new TreeMap<>();
    final LinkedHashSet<String> accepted = new LinkedHashSet<>();
    final LinkedHashSet<String> alarmed = new LinkedHashSet<>();
    private long learntTotal;
    private FlowModel model;
    boolean dirty;

    EntryFlows(String entry, String service, String handler, BehaviourSettings settings) {
        this.entry = entry;
        this.service = service;
        this.handler = handler;
        this.settings = settings;
    }

    /** One completed trace of this entry: learnt during cold start, judged after. */
    void observe(String traceId, String version, Instant start, Instant end, List<String> flow,
            Set<List<String>> documentedFlows, long nowMs) {
        traces++;
        if (model == null) {
            fresh.merge(flow, 1L, Long::sum);
            if (traces >= settings.minTraces()) {
                relearn();
            }
            return;
        }
        List<String> signatures = judge(flow, documentedFlows);
        if (signatures.isEmpty()) {
            fresh.merge(flow, 1L, Long::sum);
        } else {
            Quarantined q = quarantined.remove(flow);
            q = q == null ? new Quarantined() : q;
            q.count++;
            q.signatures.addAll(signatures);
            quarantined.put(flow, q);
            while (quarantined.size() > settings.maxVariants()) {
                Iterator<List<String>> oldest = quarantined.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        window.addLast(new Observed(traceId, version, start.toEpochMilli(), end.toEpochMilli(), flow, signatures));
        signatures.forEach(s -> windowCounts.merge(s, 1, Integer::sum));
        prune(nowMs);
        dirty = true;
        if (++sinceLearn >= settings.relearnEvery()) {
            relearn();
        }
    }

    /**
     * The reasons a trace departs from the model, as finding signatures. Structural departures (a missing, new or
     * reordered step) explain the unseen transitions and broken counts they cause, so those are reported only when no
     * structural one is: one fault, one signature. A trace following a documented flow exactly is normal whatever
     * the model says: the team wrote it down.
     */
    List<String> judge(List<String> flow, Set<List<String>> documentedFlows) {
        if (documentedFlows != null && documentedFlows.contains(flow)) {
            return List.of();
        }
        FlowVerdict verdict = model.judge(flow);
        Set<String> structural = new LinkedHashSet<>();
        Set<String> secondary = new LinkedHashSet<>();
        for (Violation v : verdict.violations()) {
            switch (v.kind()) {
                case MISSING_STEP -> structural.add(MISSING_STEP + v.detail());
                case UNSEEN_STEP -> structural.add(UNSEEN_STEP + v.detail());
                case UNSEEN_TRANSITION -> secondary.add(UNSEEN_TRANSITION + v.detail());
                case COUNT_INVARIANT -> secondary.add(COUNT + v.detail());
                // REORDERED is named below from the precedence itself; an unseen variant alone is no verdict
                default -> { }
            }
        }
        for (Precedence p : model.precedences()) {
            int before = flow.indexOf(p.before());
            int after = flow.indexOf(p.after());
            if (before >= 0 && after >= 0 && after < before) {
                structural.add(REORDERED + p.before() + "|" + p.after());
            }
        }
        Set<String> found = structural.isEmpty() ? secondary : structural;
        if (documentedFlows != null && !documentedFlows.isEmpty() && learntShare(flow) < settings.rareVariantShare()) {
            found.add(UNDOCUMENTED_FLOW);
        }
        found.removeAll(accepted);
        return List.copyOf(found);
    }

    /** Raises every violation that recurs in the window, at most once per raise interval each. */
    void evaluate(long nowMs, Findings out) {
        prune(nowMs);
        dirty = false;
        onsets.keySet().removeIf(s -> !holds(s));
        lastRaised.values().removeIf(t -> t < nowMs - settings.window().toMillis());
        for (String signature : List.copyOf(windowCounts.keySet())) {
            if (!holds(signature) || accepted.contains(signature)) {
                continue;
            }
            long onset = onsets.computeIfAbsent(signature, this::earliestEvidence);
            Long last = lastRaised.get(signature);
            if (last != null && nowMs - last < settings.minRaiseInterval().toMillis()) {
                continue;
            }
            lastRaised.put(signature, nowMs);
            alarmed.remove(signature);
            alarmed.add(signature);
            trim(alarmed);
            out.raise(finding(signature, onset, nowMs));
        }
    }

    /** A person judged the signature normal: its variants are learnt as normal and it is not raised again. */
    void accept(String signature) {
        accepted.remove(signature);
        accepted.add(signature);
        trim(accepted);
        alarmed.remove(signature);
        if (model == null) {
            return;
        }
        long need = settings.support().minSessions(learntTotal);
        quarantined.entrySet().removeIf(e -> {
            if (e.getValue().signatures.contains(signature)) {
                learnt.merge(e.getKey(), Math.max(need, e.getValue().count), Long::sum);
                return true;
            }
            return false;
        });
        onsets.remove(signature);
        relearn();
    }

    private static void trim(Set<String> signatures) {
        while (signatures.size() > MAX_SIGNATURES) {
            Iterator<String> oldest = signatures.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private boolean holds(String signature) {
        int count = windowCounts.getOrDefault(signature, 0);
        return count >= settings.minOccurrences() && count >= settings.minShare() * window.size();
    }

    private long earliestEvidence(String signature) {
        long earliest = Long.MAX_VALUE;
        for (Observed o : window) {
            if (o.signatures().contains(signature)) {
                earliest = Math.min(earliest, o.startMs());
            }
        }
        return earliest;
    }

    private void prune(long nowMs) {
        long from = nowMs - settings.window().toMillis();
        while (!window.isEmpty() && (window.size() > settings.windowCap() || window.peekFirst().endMs() < from)) {
            Observed gone = window.removeFirst();
            for (String s : gone.signatures()) {
                windowCounts.computeIfPresent(s, (k, n) -> n > 1 ? n - 1 : null);
            }
        }
    }

    private void relearn() {
        fresh.forEach((flow, n) -> learnt.merge(flow, n, Long::sum));
        fresh.clear();
        sinceLearn = 0;
        if (model != null) {
            quarantined.entrySet().removeIf(e -> {
                Quarantined q = e.getValue();
                if (q.count >= settings.support().minCount() && q.signatures.stream().noneMatch(
                        s -> alarmed.contains(s) || windowCounts.getOrDefault(s, 0) >= settings.minOccurrences())) {
                    learnt.merge(e.getKey(), q.count, Long::sum);
                    return true;
                }
                return false;
            });
        }
        learntTotal = learnt.values().stream().mapToLong(Long::longValue).sum();
        if (learntTotal > settings.maxLearntTraces()) {
            learnt.replaceAll((flow, n) -> n / 2);
            learnt.values().removeIf(n -> n == 0);
        }
        if (learnt.size() > settings.maxVariants()) {
            List<List<String>> rarestFirst = new ArrayList<>(learnt.keySet());
            rarestFirst.sort(Comparator.comparing((List<String> f) -> learnt.get(f)).thenComparing(Object::toString));
            rarestFirst.subList(0, learnt.size() - settings.maxVariants()).forEach(learnt::remove);
        }
        learntTotal = learnt.values().stream().mapToLong(Long::longValue).sum();
        model = FlowModel.of(learnt, settings.support());
    }

    /** After a restore: the model is always the one learnt from {@link #learnt}, so it is rebuilt, not stored. */
    void restoreModel() {
        learntTotal = learnt.values().stream().mapToLong(Long::longValue).sum();
        model = traces >= settings.minTraces() && !learnt.isEmpty() ? FlowModel.of(learnt, settings.support()) : null;
    }

    private double learntShare(List<String> flow) {
        return learntTotal == 0 ? 0 : (double) learnt.getOrDefault(flow, 0L) / learntTotal;
    }

    private List<String> mostCommonFlow() {
        return learnt.entrySet().stream()
                .max(Map.Entry.<List<String>, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(List.of());
    }

    private Finding finding(String signature, long onsetMs, long nowMs) {
        int count = windowCounts.get(signature);
        double share = (double) count / window.size();
        List<String> examples = new ArrayList<>();
        Observed latest = null;
        for (Iterator<Observed> it = window.descendingIterator(); it.hasNext() && examples.size() < settings.maxExamples(); ) {
            Observed o = it.next();
            if (o.signatures().contains(signature)) {
                latest = latest == null ? o : latest;
                examples.add(o.traceId());
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("share", share);
        figures.put("traces", (double) count);
        figures.put("windowTraces", (double) window.size());
        figures.put("learntTraces", (double) learntTotal);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("entry", entry);
        details.put("expectedFlow", String.join(" > ", mostCommonFlow()));
        details.put("observedFlow", String.join(" > ", latest.steps()));
        details.put("window", settings.window().toString());
        Severity severity = share >= 0.5 ? Severity.HIGH : share >= 0.25 ? Severity.MEDIUM : Severity.LOW;
        return new Finding(Capability.BEHAVIORAL, service, latest.version(), handler, signature, share, severity,
                summary(signature, share), Instant.ofEpochMilli(onsetMs), Instant.ofEpochMilli(nowMs), figures,
                details, examples);
    }

    private String summary(String signature, double share) {
        String percent = Math.round(share * 100) + "% of recent " + entry + " traces";
        if (signature.startsWith(MISSING_STEP)) {
            return percent + " lack " + signature.substring(MISSING_STEP.length()) + ", a step nearly every trace had";
        }
        if (signature.startsWith(UNSEEN_STEP)) {
            return percent + " run " + signature.substring(UNSEEN_STEP.length()) + ", a step never seen there before";
        }
        if (signature.startsWith(UNSEEN_TRANSITION)) {
            return percent + " make the transition " + signature.substring(UNSEEN_TRANSITION.length())
                    + ", never seen there before";
        }
        if (signature.startsWith(REORDERED)) {
            String[] pair = signature.substring(REORDERED.length()).split("\\|", 2);
            return percent + " run " + pair[1] + " before " + pair[0] + ", the reverse of the learnt order";
        }
        if (signature.startsWith(COUNT)) {
            return percent + " break the learnt relation " + signature.substring(COUNT.length());
        }
        return percent + " follow a flow that matches none of the documented ones and was rarely seen before";
    }

    /** A variant held out of learning because its traces showed violations. */
    static final class Quarantined {
        long count;
        final Set<String> signatures = new LinkedHashSet<>();
    }

    /** A judged trace in the recurrence window. */
    record Observed(String traceId, String version, long startMs, long endMs, List<String> steps,
            List<String> signatures) {
    }
}
