package dev.selfheal.healing.diagnosis;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.healing.diagnosis.RootCause.Kind;
import dev.selfheal.healing.diagnosis.TraceTree.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Works out why an anomaly happened: ranked root-cause candidates from the anomaly's evidence and from traces that
 * show the problem compared with traces from before it.
 *
 * <ul>
 *   <li>PERFORMANCE: within the anomalous handler's executions, each place's self time (a span's duration minus
 *   what its children cover; a call's self time is the network or an uninstrumented dependency), observed against
 *   baseline per execution. The place whose time grew most explains the shift, wherever it sits below the
 *   handler: latency travels up call chains.</li>
 *   <li>ERROR: in failed executions, where the failure starts: the deepest failing span whose children all
 *   succeeded. Places are ranked by how much more often they start a failure than in the baseline; one raising
 *   the exception type the detector saw comes first.</li>
 *   <li>DEPENDENCY: the calls to the target, analysed as for errors (failing, missing) or latency (slow), so that a
 *   call to a service that fails because of its own dependency points at that one; an undeclared target is the
 *   cause itself, with the handler making the call.</li>
 *   <li>STATE: the writing handler and the field, from the evidence, with the version it ran.</li>
 *   <li>BEHAVIORAL: the handler whose own sequence of calls changed (a step missing, added or reordered among the
 *   steps it calls), and the divergent step.</li>
 *   <li>COVERAGE and DOCUMENTATION: the handler the evidence names (the untested handler, the stale section), with
 *   the version that introduced it.</li>
 * </ul>
 *
 * <p>A version is named as the one that introduced a cause when the cause's spans in the observed traces ran a
 * version that no baseline span of that service ran (or, without baseline traces, that the detector's baseline did
 * not run). The result is deterministic for the same input. Missing traces or evidence never make it throw: the
 * diagnosis then rests on what there is and its summary says what it could not see.
 */
public final class Diagnoser {

    /** Candidates kept per diagnosis: beyond a handful, a person stops reading. */
    static final int MAX_CANDIDATES = 5;
    /** Confidence of a candidate that rests on the detector's evidence alone, without traces to confirm it. */
    static final double EVIDENCE_ONLY = 0.3;
    /** Self time growth per execution below this share of the total growth is noise, not a candidate. */
    static final double MIN_GROWTH_SHARE = 0.02;
    /** A version the baseline ran this much or more is the established one, not a new one. */
    static final double NEW_VERSION_BASELINE_SHARE = 0.5;
    /** How much a version's share must rise from the baseline to the cause's spans to be named as new. */
    static final double NEW_VERSION_RISE = 0.3;

    /** Diagnoses one anomaly from the traces given; never null, candidates empty only without any service. */
    public Diagnosis diagnose(AnomalyDetected anomaly, TraceSample traces) {
        Objects.requireNonNull(anomaly, "anomaly");
        Context c = new Context(anomaly, traces == null ? TraceSample.NONE : traces);
        List<RootCause> candidates = new ArrayList<>();
        if (c.service != null) {
            Capability capability = anomaly.capability();
            if (capability == null) {
                c.notes.add("the anomaly names no capability");
                candidates.addAll(evidenceOnly(c, Kind.HANDLER_CODE, "the anomaly names no capability"));
            } else {
                candidates.addAll(switch (capability) {
                    case PERFORMANCE -> performance(c);
                    case ERROR -> errors(c);
                    case DEPENDENCY -> dependency(c);
                    case STATE -> state(c);
                    case BEHAVIORAL -> behaviour(c);
                    case COVERAGE -> named(c, Kind.UNTESTED_HANDLER);
                    case DOCUMENTATION -> named(c, Kind.STALE_DOCUMENTATION);
                });
            }
        } else {
            c.notes.add("the anomaly names no service");
        }
        List<RootCause> ranked = candidates.stream()
                .sorted(Comparator.comparingDouble(RootCause::confidence).reversed())
                .limit(MAX_CANDIDATES).toList();
        return new Diagnosis(anomaly, ranked, summary(c, ranked), c.sample.size());
    }

    // ---- PERFORMANCE

    private List<RootCause> performance(Context c) {
        TimeShift shift = timeShift(c, c.observed, c.baseline);
        if (shift.observedAnchors == 0) {
            c.notes.add("no observed trace shows " + c.where());
            return evidenceOnly(c, c.evidenceVersionChanged() ? Kind.RELEASE : Kind.HANDLER_CODE,
                    "the detector saw " + c.where() + " slow down" + c.p95Text());
        }
        if (shift.baselineAnchors == 0) {
            c.notes.add("no baseline trace shows " + c.where() + ": sites are ranked by their observed self time");
        }
        List<Map.Entry<Site, Double>> grown = shift.grown();
        double total = grown.stream().mapToDouble(Map.Entry::getValue).sum();
        double significantTotal = grown.stream().filter(e -> shift.significant(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        List<RootCause> out = new ArrayList<>();
        if (shift.evenly()) {
            Map<String, Double> figures = shift.totals();
            out.add(new RootCause(Kind.CAPACITY, c.service, c.handler, null, null, null, 0.6,
                    String.format(Locale.ROOT, "every part of %s slowed together (%d places each at least %.1fx, "
                            + "%.1f ms vs %.1f ms per call) without a new version: short of capacity",
                            c.where(), shift.evenSites, TimeShift.EVEN_RATIO, figures.get("observed.totalMs"),
                            figures.get("baseline.totalMs")), figures));
        }
        for (Map.Entry<Site, Double> e : grown) {
            if (e.getValue() < MIN_GROWTH_SHARE * total || out.size() >= MAX_CANDIDATES) {
                break;
            }
            Site site = e.getKey();
            double share = e.getValue() / total;
            double before = shift.baselineMean(site);
            double after = shift.observedMean(site);
            String version = c.newVersion(site.service(), shift.spans.get(site));
            Kind kind = site.isCall() ? Kind.DEPENDENCY : version != null ? Kind.RELEASE : Kind.HANDLER_CODE;
            Map<String, Double> figures = new TreeMap<>();
            figures.put("selfTime.baselineMs", before);
            figures.put("selfTime.observedMs", after);
            figures.put("selfTime.growthMs", e.getValue());
            figures.put("share", share);
            figures.put("observed.calls", (double) shift.observedAnchors);
            figures.put("baseline.calls", (double) shift.baselineAnchors);
            if (out.isEmpty()) {
                c.evidenceFigures(figures);
            }
            String what = site.isCall()
                    ? "time in calls from " + site.service() + (site.handler() == null ? "" : " " + site.handler())
                            + " to " + site.dependency() + " (not covered by the callee's own spans)"
                    : "self time of " + site.service() + " " + site.handler();
            String explanation = String.format(Locale.ROOT,
                    "%s grew from %.1f ms to %.1f ms per execution of %s (+%.1f ms, %.0f%% of the added time; %d "
                            + "observed vs %d baseline executions)%s%s",
                    what, before, after, c.where(), e.getValue(), 100 * share, shift.observedAnchors,
                    shift.baselineAnchors, version == null ? "" : "; version " + version + " ran only in the observed traces",
                    c.measureText());
            // A growth within chance ranks below every clear one, whatever its size.
            double confidence = shift.significant(site) ? e.getValue() / significantTotal : 0.1 * share;
            out.add(new RootCause(kind, site.service(), site.handler(), site.dependency(), null, version,
                    clamp(confidence * (out.isEmpty() && shift.evenly() ? 0.5 : 1)), explanation, figures));
        }
        if (out.isEmpty()) {
            c.notes.add("no part of " + c.where() + " took longer in the observed traces than in the baseline");
            out.addAll(evidenceOnly(c, c.evidenceVersionChanged() ? Kind.RELEASE : Kind.HANDLER_CODE,
                    "the detector saw " + c.where() + " slow down" + c.p95Text()));
        }
        return out;
    }

    /** Per execution of the anchors, each site's self time, observed and baseline. */
    private TimeShift timeShift(Context c, List<TraceTree> observed, List<TraceTree> baseline) {
        TimeShift shift = new TimeShift();
        for (TraceTree tree : observed) {
            for (SpanRecorded anchor : c.anchors(tree)) {
                shift.observedAnchors++;
                tree.subtree(anchor).forEach(s -> shift.spans.computeIfAbsent(tree.site(s), k -> new ArrayList<>()).add(s));
                Map<Site, Double> times = tree.selfTimes(anchor);
                times.forEach((site, ms) -> shift.observed.merge(site, ms, Double::sum));
                times.forEach((site, ms) -> shift.observedSquares.merge(site, ms * ms, Double::sum));
            }
        }
        for (TraceTree tree : baseline) {
            for (SpanRecorded anchor : c.anchors(tree)) {
                shift.baselineAnchors++;
                Map<Site, Double> times = tree.selfTimes(anchor);
                times.forEach((site, ms) -> shift.baseline.merge(site, ms, Double::sum));
                times.forEach((site, ms) -> shift.baselineSquares.merge(site, ms * ms, Double::sum));
            }
        }
        return shift;
    }

    private static final class TimeShift {
        /** A site slowed "evenly" with the others when it is at least this many times slower. */
        static final double EVEN_RATIO = 1.5;

        final Map<Site, Double> observed = new LinkedHashMap<>();
        final Map<Site, Double> baseline = new LinkedHashMap<>();
        final Map<Site, Double> observedSquares = new HashMap<>();
        final Map<Site, Double> baselineSquares = new HashMap<>();
        final Map<Site, List<SpanRecorded>> spans = new HashMap<>();
        int observedAnchors;
        int baselineAnchors;
        int evenSites;

        double observedMean(Site site) {
            return observedAnchors == 0 ? 0 : observed.getOrDefault(site, 0.0) / observedAnchors;
        }

        double baselineMean(Site site) {
            return baselineAnchors == 0 ? 0 : baseline.getOrDefault(site, 0.0) / baselineAnchors;
        }

        /**
         * Sites whose time per execution grew, most first (ties by name, for a deterministic order); sites whose
         * growth stands out from their own spread ({@link #SIGNIFICANT} standard errors) before those whose growth
         * could be chance: a call to a slow, jittery provider moves by more milliseconds between two samples of
         * twenty than a handler whose own few milliseconds quintupled.
         */
        List<Map.Entry<Site, Double>> grown() {
            Map<Site, Double> growth = new LinkedHashMap<>();
            for (Site site : observed.keySet()) {
                double g = observedMean(site) - baselineMean(site);
                if (g > 0) {
                    growth.put(site, g);
                }
            }
            return growth.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<Site, Double> e) -> !significant(e.getKey()))
                            .thenComparing(Map.Entry.<Site, Double>comparingByValue().reversed())
                            .thenComparing(e -> e.getKey().toString()))
                    .toList();
        }

        /** Standard errors by which a site's growth must exceed chance to count as a shift. */
        static final double SIGNIFICANT = 3;

        /** Whether the site's growth per execution is beyond chance (Welch's statistic; no baseline: any growth). */
        boolean significant(Site site) {
            if (baselineAnchors < 2 || observedAnchors < 2) {
                return true;
            }
            double error = Math.sqrt(variance(observed, observedSquares, observedAnchors, site) / observedAnchors
                    + variance(baseline, baselineSquares, baselineAnchors, site) / baselineAnchors);
            double growth = observedMean(site) - baselineMean(site);
            return error == 0 ? growth > 0 : growth / error >= SIGNIFICANT;
        }

        private static double variance(Map<Site, Double> sums, Map<Site, Double> squares, int n, Site site) {
            double mean = sums.getOrDefault(site, 0.0) / n;
            return Math.max(0, (squares.getOrDefault(site, 0.0) - n * mean * mean) / (n - 1));
        }

        /**
         * Whether the time grew everywhere alike rather than in one place: at least three sites that each hold a
         * twentieth of the baseline time are all {@link #EVEN_RATIO} slower, together most of the baseline time,
         * and none of them took half of the growth.
         */
        boolean evenly() {
            if (baselineAnchors == 0 || observedAnchors == 0) {
                return false;
            }
            double baseTotal = baseline.keySet().stream().mapToDouble(this::baselineMean).sum();
            double slowedBase = 0;
            int slowed = 0;
            for (Site site : baseline.keySet()) {
                double before = baselineMean(site);
                if (before >= 0.05 * baseTotal && observedMean(site) >= EVEN_RATIO * before) {
                    slowed++;
                    slowedBase += before;
                }
            }
            List<Map.Entry<Site, Double>> grown = grown();
            double total = grown.stream().mapToDouble(Map.Entry::getValue).sum();
            evenSites = slowed;
            return slowed >= 3 && slowedBase >= 0.8 * baseTotal && !grown.isEmpty()
                    && grown.get(0).getValue() < 0.5 * total;
        }

        Map<String, Double> totals() {
            Map<String, Double> figures = new TreeMap<>();
            figures.put("observed.totalMs", observed.keySet().stream().mapToDouble(this::observedMean).sum());
            figures.put("baseline.totalMs", baseline.keySet().stream().mapToDouble(this::baselineMean).sum());
            figures.put("slowedPlaces", (double) evenSites);
            return figures;
        }
    }

    // ---- ERROR

    private List<RootCause> errors(Context c) {
        Origins origins = origins(c, c.observed, c.baseline);
        if (origins.observedFailing == 0) {
            c.notes.add("no observed trace shows " + c.where() + " failing");
            return evidenceOnly(c, Kind.ERROR_ORIGIN, "the detector saw " + c.where() + " fail"
                    + (c.details.containsKey("exceptionType") ? " with " + c.details.get("exceptionType") : ""));
        }
        return origins.candidates(c, c.details.get("exceptionType"), false);
    }

    /** Where failures of the anchors start, observed and baseline. */
    private Origins origins(Context c, List<TraceTree> observed, List<TraceTree> baseline) {
        Origins origins = new Origins();
        for (TraceTree tree : observed) {
            for (SpanRecorded anchor : c.anchors(tree)) {
                origins.observedAnchors++;
                if (TraceTree.failing(anchor)) {
                    origins.observedFailing++;
                    for (SpanRecorded origin : originsBelow(tree, anchor)) {
                        Site site = tree.site(origin);
                        origins.observed.merge(site, 1, Integer::sum);
                        origins.spans.computeIfAbsent(site, k -> new ArrayList<>()).add(origin);
                        String type = TraceTree.errorType(origin);
                        if (type != null) {
                            origins.types.computeIfAbsent(site, k -> new TreeMap<>()).merge(type, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        for (TraceTree tree : baseline) {
            for (SpanRecorded anchor : c.anchors(tree)) {
                origins.baselineAnchors++;
                if (TraceTree.failing(anchor)) {
                    for (SpanRecorded origin : originsBelow(tree, anchor)) {
                        origins.baseline.merge(tree.site(origin), 1, Integer::sum);
                    }
                }
            }
        }
        return origins;
    }

    /** The failing spans under (or at) a failing span whose own children all succeeded: where failures start. */
    private static List<SpanRecorded> originsBelow(TraceTree tree, SpanRecorded failing) {
        List<SpanRecorded> out = new ArrayList<>();
        for (SpanRecorded span : tree.subtree(failing)) {
            if (TraceTree.failing(span) && tree.children(span).stream().noneMatch(TraceTree::failing)) {
                out.add(span);
            }
        }
        return out;
    }

    private static final class Origins {
        final Map<Site, Integer> observed = new LinkedHashMap<>();
        final Map<Site, Integer> baseline = new LinkedHashMap<>();
        final Map<Site, List<SpanRecorded>> spans = new HashMap<>();
        final Map<Site, Map<String, Integer>> types = new HashMap<>();
        int observedAnchors;
        int observedFailing;
        int baselineAnchors;

        double observedRate(Site site) {
            return observedAnchors == 0 ? 0 : (double) observed.getOrDefault(site, 0) / observedAnchors;
        }

        double baselineRate(Site site) {
            return baselineAnchors == 0 ? 0 : (double) baseline.getOrDefault(site, 0) / baselineAnchors;
        }

        String topType(Site site) {
            return types.getOrDefault(site, Map.of()).entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey,
                            Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
        }

        /**
         * Origins ranked by how much more often they start a failure than in the baseline; one raising the exception
         * type the detector named comes first (rates are at most 1, so the match outweighs any excess). With
         * {@code byDependency}, the calls to one dependency from several handlers count as one place, named after the
         * handler making most of them.
         */
        List<RootCause> candidates(Context c, String exceptionType, boolean byDependency) {
            Map<Site, Site> merged = new LinkedHashMap<>();
            if (byDependency) {
                Map<Site, Site> representative = new HashMap<>();
                observed.entrySet().stream()
                        .sorted(Map.Entry.<Site, Integer>comparingByValue().reversed()
                                .thenComparing(e -> e.getKey().toString()))
                        .forEach(e -> {
                            Site site = e.getKey();
                            Site group = site.isCall() ? new Site(site.service(), null, site.dependency()) : site;
                            merged.put(site, representative.computeIfAbsent(group, g -> site));
                        });
                mergeInto(observed, merged);
                mergeInto(baseline, merged);
                Map<Site, List<SpanRecorded>> spansMerged = new HashMap<>();
                spans.forEach((s, l) -> spansMerged.computeIfAbsent(merged.getOrDefault(s, s), k -> new ArrayList<>()).addAll(l));
                spans.clear();
                spans.putAll(spansMerged);
                Map<Site, Map<String, Integer>> typesMerged = new HashMap<>();
                types.forEach((s, m) -> m.forEach((t, n) -> typesMerged
                        .computeIfAbsent(merged.getOrDefault(s, s), k -> new TreeMap<>()).merge(t, n, Integer::sum)));
                types.clear();
                types.putAll(typesMerged);
            }
            Map<Site, Double> weight = new LinkedHashMap<>();
            for (Site site : observed.keySet()) {
                double excess = observedRate(site) - baselineRate(site);
                boolean matches = exceptionType != null && types.getOrDefault(site, Map.of()).containsKey(exceptionType);
                double w = Math.max(0, excess) + (matches ? 1 : 0);
                if (w > 0) {
                    weight.put(site, w);
                }
            }
            double total = weight.values().stream().mapToDouble(Double::doubleValue).sum();
            List<RootCause> out = new ArrayList<>();
            weight.entrySet().stream()
                    .sorted(Map.Entry.<Site, Double>comparingByValue().reversed().thenComparing(e -> e.getKey().toString()))
                    .limit(MAX_CANDIDATES)
                    .forEach(e -> {
                        Site site = e.getKey();
                        String version = c.newVersion(site.service(), spans.get(site));
                        String type = topType(site);
                        Map<String, Double> figures = new TreeMap<>();
                        figures.put("origins.observed", (double) observed.getOrDefault(site, 0));
                        figures.put("origins.baseline", (double) baseline.getOrDefault(site, 0));
                        figures.put("observed.executions", (double) observedAnchors);
                        figures.put("observed.failed", (double) observedFailing);
                        figures.put("baseline.executions", (double) baselineAnchors);
                        figures.put("observed.rate", observedRate(site));
                        figures.put("baseline.rate", baselineRate(site));
                        String explanation = String.format(Locale.ROOT,
                                "failures start at %s%s in %d of %d observed executions of %s (%.1f%%) against %d of %d "
                                        + "in the baseline (%.1f%%)%s",
                                site.isCall() ? "the call from " + site : site, type == null ? "" : " (" + type + ")",
                                observed.getOrDefault(site, 0), observedAnchors, c.where(), 100 * observedRate(site),
                                baseline.getOrDefault(site, 0), baselineAnchors, 100 * baselineRate(site),
                                version == null ? "" : "; version " + version + " ran only in the observed traces");
                        out.add(new RootCause(site.isCall() ? Kind.DEPENDENCY : Kind.ERROR_ORIGIN, site.service(),
                                site.handler(), site.dependency(), null, version, clamp(e.getValue() / total),
                                explanation, figures));
                    });
            return out;
        }

        private static void mergeInto(Map<Site, Integer> counts, Map<Site, Site> merged) {
            Map<Site, Integer> copy = new LinkedHashMap<>();
            counts.forEach((s, n) -> copy.merge(merged.getOrDefault(s, s), n, Integer::sum));
            counts.clear();
            counts.putAll(copy);
        }
    }

    // ---- DEPENDENCY

    private List<RootCause> dependency(Context c) {
        String signature = c.anomaly.signature() == null ? "" : c.anomaly.signature();
        List<RootCause> out = new ArrayList<>();
        int calls = c.observed.stream().mapToInt(t -> c.anchors(t).size()).sum();
        if (calls == 0) {
            c.notes.add("no observed trace shows " + c.service + " calling " + c.handler);
        } else if (signature.equals("undeclared")) {
            out.addAll(undeclared(c));
        } else if (signature.equals("slow")) {
            out.addAll(slowDependency(c));
        } else {
            Origins origins = origins(c, c.observed, c.baseline);
            if (origins.observedFailing > 0) {
                out.addAll(origins.candidates(c, null, true));
            } else if (!signature.equals("failing") && !signature.equals("missing")) {
                out.addAll(slowDependency(c));
            } else {
                c.notes.add("no observed call from " + c.service + " to " + c.handler + " failed");
            }
        }
        // The dependency the detector named is always among the candidates: its calls are what went wrong, even
        // when the traces point further down.
        boolean named = out.stream().anyMatch(r -> c.service.equals(r.service()) && Objects.equals(c.handler, r.dependency()));
        if (!named) {
            String caller = c.callers().stream().findFirst().orElse(null);
            double confidence = out.isEmpty() ? EVIDENCE_ONLY : Math.min(EVIDENCE_ONLY,
                    out.get(out.size() - 1).confidence() * 0.5);
            out.add(new RootCause(Kind.DEPENDENCY, c.service, caller, c.handler, null, null, confidence,
                    String.format(Locale.ROOT, "%s's calls to %s are %s%s%s", c.service, c.handler,
                            signature.isEmpty() ? "abnormal" : signature,
                            c.details.containsKey("since") ? " since " + c.details.get("since") : "",
                            c.details.containsKey("callers") ? " (callers: " + c.details.get("callers") + ")" : ""),
                    c.figures));
        }
        return out;
    }

    private List<RootCause> undeclared(Context c) {
        Map<String, List<SpanRecorded>> byCaller = new TreeMap<>();
        for (TraceTree tree : c.observed) {
            for (SpanRecorded call : c.anchors(tree)) {
                SpanRecorded owner = tree.owningStep(call);
                byCaller.computeIfAbsent(owner == null ? "" : owner.handler(), k -> new ArrayList<>()).add(owner == null ? call : owner);
            }
        }
        int total = byCaller.values().stream().mapToInt(List::size).sum();
        List<RootCause> out = new ArrayList<>();
        byCaller.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<SpanRecorded>> e) -> e.getValue().size()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    String handler = e.getKey().isEmpty() ? null : e.getKey();
                    String version = c.newVersion(c.service, e.getValue());
                    double share = (double) e.getValue().size() / total;
                    out.add(new RootCause(Kind.DEPENDENCY, c.service, handler, c.handler, null, version, clamp(share),
                            String.format(Locale.ROOT, "%s calls %s, a target it never called before, in %d of %d "
                                    + "observed calls%s%s", handler == null ? c.service : c.service + " " + handler,
                                    c.handler, e.getValue().size(), total,
                                    c.details.containsKey("since") ? " (since " + c.details.get("since") + ")" : "",
                                    version == null ? "" : "; version " + version + " ran only in the observed traces"),
                            Map.of("calls", (double) e.getValue().size(), "share", share)));
                });
        return out;
    }

    private List<RootCause> slowDependency(Context c) {
        TimeShift shift = timeShift(c, c.observed, c.baseline);
        Map<Site, Double> growth = new LinkedHashMap<>();
        Map<Site, Double> weight = new LinkedHashMap<>();
        Map<Site, Site> representative = new HashMap<>();
        for (Map.Entry<Site, Double> e : shift.grown()) {
            Site site = e.getKey();
            Site group = site.isCall() ? new Site(site.service(), null, site.dependency()) : site;
            Site named = representative.computeIfAbsent(group, g -> site);
            growth.merge(named, e.getValue(), Double::sum);
            // As for handlers, a growth within chance weighs a tenth of a clear one.
            weight.merge(named, e.getValue() * (shift.significant(site) ? 1 : 0.1), Double::sum);
        }
        double total = weight.values().stream().mapToDouble(Double::doubleValue).sum();
        List<RootCause> out = new ArrayList<>();
        weight.entrySet().stream()
                .sorted(Map.Entry.<Site, Double>comparingByValue().reversed().thenComparing(e -> e.getKey().toString()))
                .filter(e -> e.getValue() >= MIN_GROWTH_SHARE * total)
                .limit(MAX_CANDIDATES)
                .forEach(e -> {
                    Site site = e.getKey();
                    double grew = growth.get(site);
                    String version = site.isCall() ? null : c.newVersion(site.service(), shift.spans.get(site));
                    out.add(new RootCause(site.isCall() ? Kind.DEPENDENCY : version != null ? Kind.RELEASE
                            : Kind.HANDLER_CODE, site.service(), site.handler(), site.dependency(), null, version,
                            clamp(e.getValue() / total), String.format(Locale.ROOT,
                                    "time in %s grew by %.1f ms per call from %s to %s (%d observed vs %d baseline "
                                            + "calls)", site, grew, c.service, c.handler, shift.observedAnchors,
                                    shift.baselineAnchors),
                            Map.of("growthMs", grew, "weight", e.getValue() / total,
                                    "observed.calls", (double) shift.observedAnchors,
                                    "baseline.calls", (double) shift.baselineAnchors)));
                });
        return out;
    }

    // ---- STATE

    private List<RootCause> state(Context c) {
        String signature = c.anomaly.signature();
        String key = c.details.get("key") != null ? c.details.get("key")
                : signature != null && signature.contains(":") ? signature.substring(signature.indexOf(':') + 1) : null;
        if (key == null) {
            c.notes.add("the evidence names no state key");
        }
        List<SpanRecorded> writes = new ArrayList<>();
        c.observed.forEach(t -> writes.addAll(c.anchors(t)));
        String version = c.newVersion(c.service, writes);
        if (writes.isEmpty()) {
            c.notes.add("no observed trace shows " + c.where() + " running");
        }
        List<RootCause> out = new ArrayList<>();
        String violation = c.anomaly.signature() == null || !c.anomaly.signature().contains(":") ? "invariant"
                : c.anomaly.signature().substring(0, c.anomaly.signature().indexOf(':'));
        String explanation = String.format(Locale.ROOT, "%s wrote %s = %s, a %s violation (expected %s)%s", c.where(),
                key, c.details.getOrDefault("observed", "?"), violation, c.details.getOrDefault("expected", "?"),
                version == null ? "" : "; it ran version " + version + " in the observed traces, which no baseline trace ran");
        Map<String, Double> figures = new TreeMap<>(c.figures);
        figures.put("observed.executions", (double) writes.size());
        out.add(new RootCause(Kind.STATE_FIELD, c.service, c.handler, null, key, version,
                writes.isEmpty() ? 0.6 : 0.8, explanation, figures));
        // Other handlers of the service in the example traces that run a new version could have written it too.
        Map<String, List<SpanRecorded>> others = new TreeMap<>();
        for (TraceTree tree : c.observed) {
            for (SpanRecorded span : tree.spans()) {
                if (TraceTree.isStep(span) && c.service.equals(span.service()) && !Objects.equals(c.handler, span.handler())) {
                    others.computeIfAbsent(span.handler(), k -> new ArrayList<>()).add(span);
                }
            }
        }
        others.forEach((handler, spans) -> {
            String v = c.newVersion(c.service, spans);
            if (v != null && out.size() < MAX_CANDIDATES) {
                out.add(new RootCause(Kind.STATE_FIELD, c.service, handler, null, key, v, 0.1, String.format(Locale.ROOT,
                        "%s %s also ran the new version %s in the observed traces and may write %s", c.service, handler,
                        v, key), Map.of("observed.executions", (double) spans.size())));
            }
        });
        return out;
    }

    // ---- BEHAVIORAL

    private List<RootCause> behaviour(Context c) {
        // Per calling handler: the sequences of steps it called in the baseline, and its observed executions.
        Map<Site, Set<List<String>>> learnt = new HashMap<>();
        Map<Site, Map<List<String>, Integer>> learntCounts = new HashMap<>();
        for (TraceTree tree : c.baseline) {
            for (SpanRecorded span : tree.spans()) {
                if (TraceTree.isStep(span)) {
                    List<String> calls = calledSteps(tree, span);
                    Site site = tree.site(span);
                    learnt.computeIfAbsent(site, k -> new LinkedHashSet<>()).add(calls);
                    learntCounts.computeIfAbsent(site, k -> new HashMap<>()).merge(calls, 1, Integer::sum);
                }
            }
        }
        Map<Site, Integer> executions = new TreeMap<>(Comparator.comparing(Site::toString));
        Map<Site, Map<List<String>, Integer>> novel = new HashMap<>();
        Map<Site, List<SpanRecorded>> novelSpans = new HashMap<>();
        for (TraceTree tree : c.observed) {
            for (SpanRecorded span : tree.spans()) {
                Site site = tree.site(span);
                if (!TraceTree.isStep(span) || !learnt.containsKey(site)) {
                    continue;
                }
                executions.merge(site, 1, Integer::sum);
                List<String> calls = calledSteps(tree, span);
                if (!learnt.get(site).contains(calls)) {
                    novel.computeIfAbsent(site, k -> new HashMap<>()).merge(calls, 1, Integer::sum);
                    novelSpans.computeIfAbsent(site, k -> new ArrayList<>()).add(span);
                }
            }
        }
        if (c.baseline.isEmpty() || c.observed.isEmpty()) {
            c.notes.add("without both observed and baseline traces the changed flow cannot be located");
        }
        String signature = c.anomaly.signature() == null ? "" : c.anomaly.signature();
        Map<Site, Double> weight = new HashMap<>();
        for (Map.Entry<Site, Map<List<String>, Integer>> e : novel.entrySet()) {
            Site site = e.getKey();
            int count = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            double share = (double) count / executions.get(site);
            // The step the detector named (missing, unseen, reordered) among the calls that changed says which
            // handler made the change; rates are at most 1, so the mention outweighs any share.
            boolean mentioned = !signature.isEmpty() && e.getValue().keySet().stream().flatMap(List::stream)
                    .anyMatch(step -> signature.contains(step))
                    || learnt.get(site).stream().flatMap(List::stream).anyMatch(step -> signature.contains(step)
                            && e.getValue().keySet().stream().noneMatch(seq -> seq.contains(step)));
            weight.put(site, share + (mentioned ? 1 : 0));
        }
        double total = weight.values().stream().mapToDouble(Double::doubleValue).sum();
        List<RootCause> out = new ArrayList<>();
        weight.entrySet().stream()
                .sorted(Map.Entry.<Site, Double>comparingByValue().reversed().thenComparing(e -> e.getKey().toString()))
                .limit(MAX_CANDIDATES)
                .forEach(e -> {
                    Site site = e.getKey();
                    Map<List<String>, Integer> changed = novel.get(site);
                    List<String> observedFlow = changed.entrySet().stream()
                            .max(Map.Entry.<List<String>, Integer>comparingByValue()
                                    .thenComparing(x -> x.getKey().toString(), Comparator.reverseOrder()))
                            .map(Map.Entry::getKey).orElse(List.of());
                    List<String> usualFlow = learntCounts.get(site).entrySet().stream()
                            .max(Map.Entry.<List<String>, Integer>comparingByValue()
                                    .thenComparing(x -> x.getKey().toString(), Comparator.reverseOrder()))
                            .map(Map.Entry::getKey).orElse(List.of());
                    int count = changed.values().stream().mapToInt(Integer::intValue).sum();
                    String version = c.newVersion(site.service(), novelSpans.get(site));
                    out.add(new RootCause(Kind.FLOW_STEP, site.service(), site.handler(), null, null, version,
                            clamp(e.getValue() / total), String.format(Locale.ROOT,
                                    "%s called %s in %d of %d observed executions (usually %s; %s)%s", site,
                                    observedFlow, count, executions.get(site), usualFlow,
                                    divergence(usualFlow, observedFlow),
                                    version == null ? "" : "; version " + version + " ran only in the observed traces"),
                            Map.of("observed.changed", (double) count, "observed.executions",
                                    (double) executions.get(site), "share", (double) count / executions.get(site))));
                });
        if (out.isEmpty()) {
            c.notes.add("no handler's calls differ from the baseline in the traces given");
            out.addAll(evidenceOnly(c, Kind.FLOW_STEP, "the detector saw the flow of " + c.where() + " change ("
                    + signature + ")"));
        }
        return out;
    }

    private static List<String> calledSteps(TraceTree tree, SpanRecorded step) {
        return tree.calledSteps(step).stream().map(s -> s.service() + ":" + s.handler()).toList();
    }

    /** The divergent step between the usual sequence and the observed one, in words. */
    static String divergence(List<String> usual, List<String> observed) {
        List<String> missing = usual.stream().filter(s -> !observed.contains(s)).toList();
        List<String> extra = observed.stream().filter(s -> !usual.contains(s)).toList();
        if (!missing.isEmpty() && extra.isEmpty()) {
            return "missing " + String.join(", ", missing);
        }
        if (!extra.isEmpty() && missing.isEmpty()) {
            return "added " + String.join(", ", extra);
        }
        if (missing.isEmpty() && usual.size() == observed.size()) {
            for (int i = 0; i < usual.size(); i++) {
                if (!usual.get(i).equals(observed.get(i))) {
                    return usual.get(i) + " moved after " + observed.get(i);
                }
            }
        }
        if (missing.isEmpty()) {
            return "a step repeated";
        }
        return "missing " + String.join(", ", missing) + ", added " + String.join(", ", extra);
    }

    // ---- COVERAGE, DOCUMENTATION

    /** The handler the evidence names, with the version that introduced it when the traces show one. */
    private List<RootCause> named(Context c, Kind kind) {
        List<SpanRecorded> runs = new ArrayList<>();
        c.observed.forEach(t -> runs.addAll(c.anchors(t)));
        int before = c.baseline.stream().mapToInt(t -> c.anchors(t).size()).sum();
        String version = c.newVersion(c.service, runs);
        if (version == null && before == 0 && !runs.isEmpty()) {
            // The handler never ran before the anomaly: whatever version it runs in brought it.
            version = mostCommonVersion(runs);
        }
        if (runs.isEmpty()) {
            c.notes.add("no observed trace shows " + c.where());
        }
        String what = kind == Kind.UNTESTED_HANDLER
                ? c.where() + " serves production traffic (" + runs.size() + " executions in the sample"
                        + (c.figures.containsKey("share") ? String.format(Locale.ROOT, ", %.1f%% of the service's calls",
                                100 * c.figures.get("share")) : "")
                        + ") and no test covers it" + (c.details.containsKey("reason") ? ": " + c.details.get("reason") : "")
                : "the documented contract of " + c.where() + " is stale: " + (c.anomaly.summary() == null
                        ? c.anomaly.signature() : c.anomaly.summary());
        Map<String, Double> figures = new TreeMap<>(c.figures);
        figures.put("observed.executions", (double) runs.size());
        figures.put("baseline.executions", (double) before);
        return List.of(new RootCause(kind, c.service, c.handler, null, null, version, runs.isEmpty() ? 0.6 : 0.9,
                what + (version == null ? "" : "; introduced in version " + version), figures));
    }

    // ---- shared

    private List<RootCause> evidenceOnly(Context c, Kind kind, String explanation) {
        String version = c.evidenceVersionChanged() ? c.evidenceObservedVersion() : null;
        return List.of(new RootCause(kind, c.service, c.handler, c.anomaly.capability() == Capability.DEPENDENCY
                ? c.handler : null, kind == Kind.STATE_FIELD ? c.details.get("key") : null, version, EVIDENCE_ONLY,
                explanation + " (from the detector's evidence alone, not confirmed by traces)", c.figures));
    }

    private static String mostCommonVersion(List<SpanRecorded> spans) {
        Map<String, Integer> counts = new TreeMap<>();
        spans.forEach(s -> counts.merge(versionOf(s), 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> !e.getKey().isEmpty())
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static String versionOf(SpanRecorded span) {
        return span.version() == null ? "" : span.version();
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static String summary(Context c, List<RootCause> ranked) {
        StringBuilder text = new StringBuilder();
        text.append(c.anomaly.capability() == null ? "Anomaly" : c.anomaly.capability().name()).append(" anomaly on ")
                .append(c.where()).append(": ");
        if (ranked.isEmpty()) {
            text.append("no cause could be named.");
        } else {
            RootCause top = ranked.get(0);
            text.append(String.format(Locale.ROOT, "most likely %s (%s, confidence %.2f): %s.", top.location(),
                    top.kind(), top.confidence(), top.explanation()));
        }
        text.append(String.format(Locale.ROOT, " Read %d observed and %d baseline traces.", c.sample.observed().size(),
                c.sample.baseline().size()));
        if (!c.notes.isEmpty()) {
            text.append(" Could not see: ").append(String.join("; ", c.notes)).append('.');
        }
        return text.toString();
    }

    /** One diagnosis's inputs, read once. */
    private static final class Context {
        final AnomalyDetected anomaly;
        final TraceSample sample;
        final String service;
        final String handler;
        final Map<String, String> details;
        final Map<String, Double> figures;
        final List<TraceTree> observed;
        final List<TraceTree> baseline;
        final Set<String> notes = new LinkedHashSet<>();
        private final Map<String, Map<String, Integer>> baselineVersions = new HashMap<>();

        Context(AnomalyDetected anomaly, TraceSample sample) {
            this.anomaly = anomaly;
            this.sample = sample;
            this.service = anomaly.service() == null || anomaly.service().isBlank() ? null : anomaly.service();
            this.handler = anomaly.handler() == null || anomaly.handler().isBlank() || anomaly.handler().equals("*")
                    ? null : anomaly.handler();
            this.details = anomaly.evidence() == null ? Map.of() : anomaly.evidence().details();
            this.figures = anomaly.evidence() == null ? Map.of() : anomaly.evidence().figures();
            this.observed = sample.observed().stream().map(TraceTree::of).filter(t -> !t.isEmpty()).toList();
            this.baseline = sample.baseline().stream().map(TraceTree::of).filter(t -> !t.isEmpty()).toList();
            for (TraceTree tree : baseline) {
                for (SpanRecorded span : tree.spans()) {
                    if (span.service() != null) {
                        baselineVersions.computeIfAbsent(span.service(), k -> new TreeMap<>()).merge(versionOf(span), 1, Integer::sum);
                    }
                }
            }
            if (observed.isEmpty()) {
                notes.add("no observed traces");
            }
            if (baseline.isEmpty()) {
                notes.add("no baseline traces");
            }
        }

        String where() {
            return handler == null ? service : service + " " + handler;
        }

        /**
         * The spans the anomaly is about in one trace: for a dependency the calls from the service to the target,
         * else the handler's executions (every step of the service that is not called by the service itself when
         * the anomaly names no handler).
         */
        List<SpanRecorded> anchors(TraceTree tree) {
            List<SpanRecorded> out = new ArrayList<>();
            for (SpanRecorded span : tree.spans()) {
                if (!Objects.equals(service, span.service())) {
                    continue;
                }
                if (anomaly.capability() == Capability.DEPENDENCY) {
                    if (!TraceTree.isStep(span) && handler != null
                            && (handler.equals(TraceTree.target(span)) || handler.equals(span.handler()))) {
                        out.add(span);
                    }
                } else if (TraceTree.isStep(span)) {
                    if (handler != null ? handler.equals(span.handler()) : !calledBySameService(tree, span)) {
                        out.add(span);
                    }
                }
            }
            if (out.isEmpty() && handler != null && anomaly.capability() != Capability.DEPENDENCY) {
                // Errors are also reported on the calling side of a call (a CLIENT span named "GET", "SELECT
                // products"): then the anomaly is about those calls.
                for (SpanRecorded span : tree.spans()) {
                    if (Objects.equals(service, span.service()) && !TraceTree.isStep(span)
                            && handler.equals(span.handler())) {
                        out.add(span);
                    }
                }
            }
            return out;
        }

        private boolean calledBySameService(TraceTree tree, SpanRecorded step) {
            SpanRecorded parent = tree.parent(step);
            SpanRecorded caller = parent == null ? null : tree.owningStep(parent);
            return caller != null && Objects.equals(caller.service(), step.service());
        }

        /** The handlers making calls to the anomaly's dependency in the observed traces, most calls first. */
        List<String> callers() {
            Map<String, Integer> counts = new TreeMap<>();
            for (TraceTree tree : observed) {
                for (SpanRecorded call : anchors(tree)) {
                    SpanRecorded owner = tree.owningStep(call);
                    if (owner != null) {
                        counts.merge(owner.handler(), 1, Integer::sum);
                    }
                }
            }
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry::getKey)).map(Map.Entry::getKey).toList();
        }

        /**
         * The version that came with the cause: among the versions the cause's spans ran, the one whose share rose
         * most from the service's baseline spans, provided the baseline mostly ran others (less than
         * {@link #NEW_VERSION_BASELINE_SHARE}) and the rise is clear (at least {@link #NEW_VERSION_RISE}). Shares
         * rather than presence, because a release often precedes the detector's onset by a little, so its first
         * executions sit among the baseline traces. Without baseline traces of the service, the detector's baseline
         * version(s) stand in. Null when nothing new ran, or when there is nothing to compare with.
         */
        String newVersion(String of, List<SpanRecorded> spans) {
            if (of == null || spans == null || spans.isEmpty()) {
                return null;
            }
            Map<String, Integer> before = baselineVersions.get(of);
            if (before == null && of.equals(service)) {
                Set<String> evidence = evidenceBaselineVersions();
                if (evidence != null) {
                    before = new TreeMap<>();
                    for (String v : evidence) {
                        before.put(v, 1);
                    }
                }
            }
            if (before == null || before.isEmpty()) {
                notes.add("no baseline version of " + of + " to tell a new one from");
                return null;
            }
            Map<String, Integer> after = new TreeMap<>();
            spans.forEach(span -> after.merge(versionOf(span), 1, Integer::sum));
            double beforeTotal = before.values().stream().mapToInt(Integer::intValue).sum();
            double afterTotal = spans.size();
            String best = null;
            double bestRise = 0;
            for (Map.Entry<String, Integer> e : after.entrySet()) {
                double baseShare = before.getOrDefault(e.getKey(), 0) / beforeTotal;
                double rise = e.getValue() / afterTotal - baseShare;
                if (!e.getKey().isEmpty() && baseShare < NEW_VERSION_BASELINE_SHARE && rise >= NEW_VERSION_RISE
                        && rise > bestRise) {
                    best = e.getKey();
                    bestRise = rise;
                }
            }
            return best;
        }

        private Set<String> evidenceBaselineVersions() {
            Set<String> out = new LinkedHashSet<>();
            for (String key : List.of("baseline.version", "baseline.versions")) {
                String value = details.get(key);
                if (value != null) {
                    for (String v : value.split(",")) {
                        if (!v.isBlank()) {
                            out.add(v.strip());
                        }
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }

        boolean evidenceVersionChanged() {
            Set<String> before = evidenceBaselineVersions();
            String after = evidenceObservedVersion();
            return before != null && after != null && !before.contains(after);
        }

        String evidenceObservedVersion() {
            String value = details.getOrDefault("introducedIn", details.getOrDefault("observed.version",
                    details.get("observed.versions")));
            if (value == null) {
                return anomaly.version();
            }
            String[] versions = value.split(",");
            return versions[versions.length - 1].strip();
        }

        String p95Text() {
            Double observedP95 = figures.get("observed.p95Ms");
            Double baselineP95 = figures.get("baseline.p95Ms");
            return observedP95 == null || baselineP95 == null ? ""
                    : String.format(Locale.ROOT, " (p95 %.0f ms vs %.0f ms)", observedP95, baselineP95);
        }

        String measureText() {
            String measure = details.get("measure");
            return (measure == null ? "" : "; the detector measured its " + measure) + p95Text();
        }

        void evidenceFigures(Map<String, Double> into) {
            for (String key : List.of("observed.p95Ms", "baseline.p95Ms", "observed.p50Ms", "baseline.p50Ms")) {
                if (figures.containsKey(key)) {
                    into.put("detector." + key, figures.get(key));
                }
            }
        }
    }
}
