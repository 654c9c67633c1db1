package dev.selfheal.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.otlp.TraceMapper;
import dev.selfheal.telemetry.evidence.spec.SpecDocuments;
import dev.selfheal.telemetry.evidence.testreport.TestReportDocuments;
import dev.selfheal.workload.shop.TelemetrySink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's telemetry straight into a detection engine, as detector-service would receive it from
 * telemetry-service: OTLP mapped by telemetry-service's own mapper, specs and test reports read by its own
 * readers (whose event time is the moment the shop published them), every event in order.
 */
final class EngineSink implements TelemetrySink {

    /** telemetry-service's default {@code selfheal.evidence.max-event-size}. */
    private static final int MAX_EVENT_BYTES = 512 * 1024;

    private final DetectionEngine engine;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Set<String>> calls = new HashMap<>();
    private long events;
    private long engineNanos;

    private final Instant start;
    private final Tap tap;

    /** What else sees the events, in order: the diagnosis evaluation keeps spans and diagnoses findings. */
    interface Tap {
        Tap NONE = new Tap() {
        };

        /** A span, before the engine sees it. */
        default void span(SpanRecorded span) {
        }

        /** The findings the engine raised on one event, and its watermark after it. */
        default void findings(List<Finding> raised, Instant watermark) {
        }
    }

    /** {@code start}: when the simulation starts; evidence published before any span is received then. */
    EngineSink(DetectionEngine engine, Instant start) {
        this(engine, start, Tap.NONE);
    }

    EngineSink(DetectionEngine engine, Instant start, Tap tap) {
        this.engine = engine;
        this.start = start;
        this.tap = tap;
    }

    /** When telemetry-service would receive evidence now: the latest event time, at least the start. */
    private Instant received() {
        Instant watermark = engine.watermark();
        return watermark.isBefore(start) ? start : watermark;
    }

    @Override
    public void export(ExportTraceServiceRequest request) {
        for (Object event : TraceMapper.events(request)) {
            if (event instanceof DependencyCalled call) {
                calls.computeIfAbsent(call.service(), k -> new HashSet<>()).add(call.target());
            }
            accept(event);
        }
    }

    @Override
    public void spec(String service, String version, String openApiJson) {
        SpecDocuments.events(service, version, openApiJson.getBytes(StandardCharsets.UTF_8), true, received(),
                json, MAX_EVENT_BYTES).forEach(this::accept);
    }

    @Override
    public void testReport(String service, String version, String xml) {
        TestReportDocuments.events(service, version, xml.getBytes(StandardCharsets.UTF_8), received(), json,
                MAX_EVENT_BYTES).forEach(this::accept);
    }

    private void accept(Object event) {
        if (event instanceof SpanRecorded span) {
            tap.span(span);
        }
        long start = System.nanoTime();
        List<Finding> raised = engine.accept(event, Instant.now());
        engineNanos += System.nanoTime() - start;
        findings.addAll(raised);
        events++;
        tap.findings(raised, engine.watermark());
    }

    List<Finding> findings() {
        return findings;
    }

    /** Which targets each service was seen calling (services and external dependencies). */
    Map<String, Set<String>> calls() {
        return calls;
    }

    long events() {
        return events;
    }

    long engineNanos() {
        return engineNanos;
    }
}
