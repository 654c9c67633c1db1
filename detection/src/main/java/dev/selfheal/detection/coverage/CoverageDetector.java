package dev.selfheal.detection.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.detection.coverage.ServiceCoverage.HandlerUse;
import dev.selfheal.detection.coverage.ServiceCoverage.Report;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Findings;
import dev.selfheal.detection.engine.TestReport;
import dev.selfheal.detection.engine.Trace;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * COVERAGE: handlers production calls that no test covers, ranked by traffic.
 *
 * <p>A handler (a step span: any but CLIENT and PRODUCER) is mapped to code by its {@code code.namespace} (binary
 * class name) and {@code code.function} (method name), or by the newer {@code code.function.name} holding both
 * ({@code com.shop.Orders.create}); a handler without them cannot be judged and is only counted. It is judged by the
 * JaCoCo report of the version that ran it, else by the service's latest report: covered when any overload of the
 * method executed an instruction. An uncovered handler is raised with signature {@code uncovered} once called
 * {@link CoverageSettings#minCalls()} times since that report arrived, and on every call after (at most once a
 * second) until a report covers it. A new report, or a version with a report of its own, restarts the count.
 *
 * <p>Score: the handler's share of its service's calls (decayed over {@link CoverageSettings#trafficHalfLife()}),
 * 0 to 1; severity MEDIUM from 0.10, else LOW. Details give the rank among the service's uncovered handlers (1 =
 * busiest). A person's {@code FALSE_POSITIVE} accepts the handler as tested enough: it is not raised again.
 */
public final class CoverageDetector implements Detector {

    public static final String NAME = "coverage";
    static final String UNCOVERED = "uncovered";
    private static final int SNAPSHOT_FORMAT = 1;
    private static final int MAX_NAMES = 256;

    private final CoverageSettings settings;
    private final long halfLifeMs;
    private LinkedHashMap<String, ServiceCoverage> services = new LinkedHashMap<>();
    private long watermarkMs;

    public CoverageDetector() {
        this(CoverageSettings.DEFAULTS);
    }

    public CoverageDetector(CoverageSettings settings) {
        this.settings = settings;
        this.halfLifeMs = settings.trafficHalfLife().toMillis();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void advance(Instant watermark, Findings out) {
        watermarkMs = Math.max(watermarkMs, watermark.toEpochMilli());
    }

    @Override
    public void onTestReport(TestReport report, Findings out) {
        if (report.format() != TestReportFormat.JACOCO) {
            return;
        }
        Report r = new Report();
        r.reportId = report.reportId();
        r.version = report.version();
        r.arrivedMs = watermarkMs;
        for (TestReportRecorded.ClassCoverage c : report.classes()) {
            Map<String, Boolean> methods = r.covered.computeIfAbsent(c.name(), k -> new TreeMap<>());
            for (TestReportRecorded.MethodCoverage m : c.methods()) {
                methods.merge(m.name(), m.covered(), Boolean::logicalOr);
            }
        }
        ServiceCoverage sc = service(report.service());
        sc.reports.remove(report.version());
        sc.reports.put(report.version(), r);
        trim(sc.reports, settings.maxReports());
    }

    @Override
    public void onSpan(SpanRecorded span, Findings out) {
        if (!Trace.isStep(span)) {
            return;
        }
        long now = span.start().toEpochMilli();
        ServiceCoverage sc = service(span.service());
        sc.traffic.add(now, halfLifeMs);
        String[] code = codeOf(span);
        if (code == null) {
            sc.callsWithoutCode++;
            sc.withoutCode.remove(span.handler());
            sc.withoutCode.add(span.handler());
            trim(sc.withoutCode);
            return;
        }
        HandlerUse h = sc.handlers.remove(span.handler());
        if (h == null) {
            h = new HandlerUse();
            h.handler = span.handler();
        }
        sc.handlers.put(span.handler(), h);
        trim(sc.handlers, settings.maxHandlers());
        h.className = code[0];
        h.method = code[1];
        h.version = span.version();
        h.traffic.add(now, halfLifeMs);
        h.examples.addFirst(span.traceId());
        while (h.examples.size() > settings.maxExamples()) {
            h.examples.removeLast();
        }
        Report report = sc.reports.get(span.version());
        if (report == null && !sc.reports.isEmpty()) {
            report = List.copyOf(sc.reports.values()).get(sc.reports.size() - 1);
        }
        if (report == null) {
            return;
        }
        if (!report.reportId.equals(h.reportId)) {
            h.reportId = report.reportId;
            h.covered = report.covered(h.className, h.method);
            h.callsSinceReport = 0;
            h.firstCallMs = now;
        }
        h.callsSinceReport++;
        if (Boolean.FALSE.equals(h.covered) && h.callsSinceReport >= settings.minCalls()) {
            raise(sc, h, report, out);
        }
    }

    private void raise(ServiceCoverage sc, HandlerUse h, Report report, Findings out) {
        if (sc.accepted.contains(h.handler)) {
            return;
        }
        Long last = sc.lastRaised.get(h.handler);
        if (last != null && watermarkMs - last < settings.minRaiseInterval().toMillis()) {
            return;
        }
        sc.lastRaised.put(h.handler, watermarkMs);
        sc.lastRaised.values().removeIf(t -> t < watermarkMs - halfLifeMs);
        long now = Math.max(watermarkMs, h.traffic.atMs);
        double mine = h.traffic.at(now, halfLifeMs);
        double share = mine / sc.traffic.at(now, halfLifeMs);
        int rank = 1;
        int uncovered = 0;
        for (HandlerUse other : sc.handlers.values()) {
            if (Boolean.FALSE.equals(other.covered) && other.callsSinceReport >= settings.minCalls()
                    && !sc.accepted.contains(other.handler)) {
                uncovered++;
                rank += other != h && other.traffic.at(now, halfLifeMs) > mine ? 1 : 0;
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("share", share);
        figures.put("callsPerMinute", h.traffic.perMinute(now, halfLifeMs));
        figures.put("callsSinceReport", (double) h.callsSinceReport);
        figures.put("rank", (double) rank);
        figures.put("uncoveredHandlers", (double) uncovered);
        figures.put("handlersWithoutCode", (double) sc.withoutCode.size());
        figures.put("callsWithoutCode", (double) sc.callsWithoutCode);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rank", rank + " of " + uncovered);
        details.put("class", h.className);
        details.put("method", h.method);
        details.put("reportId", report.reportId);
        details.put("reportVersion", report.version);
        details.put("reason", report.lists(h.className) ? "the report shows the method never executed"
                : "the report does not list the class: it was not part of the tested code");
        out.raise(new Finding(Capability.COVERAGE, sc.service, h.version, h.handler, UNCOVERED, share,
                share >= 0.10 ? Severity.MEDIUM : Severity.LOW,
                h.handler + " (" + h.className + "." + h.method + ") serves " + Math.round(share * 100)
                        + "% of " + sc.service + "'s calls, and no test of report " + report.reportId + " covers it",
                Instant.ofEpochMilli(h.firstCallMs), Instant.ofEpochMilli(watermarkMs), figures, details,
                List.copyOf(h.examples)));
    }

    /** {@code FALSE_POSITIVE}: the handler is accepted as it is and not raised again. */
    @Override
    public void feedback(Feedback feedback) {
        if (feedback.capability() != Capability.COVERAGE || feedback.verdict() != Feedback.Verdict.FALSE_POSITIVE) {
            return;
        }
        ServiceCoverage sc = services.get(feedback.service());
        if (sc != null) {
            sc.accepted.remove(feedback.handler());
            sc.accepted.add(feedback.handler());
            trim(sc.accepted);
        }
    }

    /**
     * The class and method a span ran: {@code code.namespace} and {@code code.function}, or {@code code.function.name}
     * (fully qualified, or a bare method beside {@code code.namespace}); null when the span names no code.
     */
    static String[] codeOf(SpanRecorded span) {
        Map<String, String> a = span.attributes();
        String namespace = a.get("code.namespace");
        String function = a.getOrDefault("code.function", a.get("code.function.name"));
        if (function == null || function.isBlank()) {
            return null;
        }
        if (namespace != null && !namespace.isBlank() && !function.startsWith(namespace + ".")) {
            return new String[] {namespace, function};
        }
        int dot = function.lastIndexOf('.');
        return dot > 0 && dot < function.length() - 1
                ? new String[] {function.substring(0, dot), function.substring(dot + 1)}
                : null;
    }

    @Override
    public JsonNode snapshot(ObjectMapper mapper) {
        return mapper.valueToTree(new Snapshot(SNAPSHOT_FORMAT, watermarkMs, services));
    }

    @Override
    public void restore(JsonNode snapshot, ObjectMapper mapper) {
        try {
            Snapshot s = mapper.treeToValue(snapshot, Snapshot.class);
            services = s.services() == null ? new LinkedHashMap<>() : s.services();
            watermarkMs = s.watermarkMs();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a coverage detector snapshot", e);
        }
    }

    record Snapshot(int format, long watermarkMs, LinkedHashMap<String, ServiceCoverage> services) {
    }

    private ServiceCoverage service(String name) {
        ServiceCoverage sc = services.remove(name);
        sc = sc == null ? new ServiceCoverage(name) : sc;
        services.put(name, sc);
        trim(services, settings.maxServices());
        return sc;
    }

    private static <V> void trim(LinkedHashMap<String, V> map, int max) {
        while (map.size() > max) {
            Iterator<String> eldest = map.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static void trim(LinkedHashSet<String> names) {
        while (names.size() > MAX_NAMES) {
            Iterator<String> eldest = names.iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
