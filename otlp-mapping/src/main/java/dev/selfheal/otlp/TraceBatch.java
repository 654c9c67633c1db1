package dev.selfheal.otlp;

import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.StateMutated;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an OTLP trace export normalises to, and what was dropped.
 *
 * @param rejected    spans dropped as invalid (OTLP's {@code rejected_spans})
 * @param rejections  why, one line per reason, for the response's {@code error_message}
 */
public record TraceBatch(
        List<SpanRecorded> spans,
        List<ErrorObserved> errors,
        List<DependencyCalled> dependencies,
        List<StateMutated> mutations,
        int rejected,
        List<String> rejections) implements ExportBatch {

    public TraceBatch {
        spans = List.copyOf(spans);
        errors = List.copyOf(errors);
        dependencies = List.copyOf(dependencies);
        mutations = List.copyOf(mutations);
        rejections = List.copyOf(rejections);
    }

    /**
     * Every event in the order telemetry-service publishes them: the spans, then the errors, the dependency calls
     * and the state mutations, each in the order of the export.
     */
    public List<Object> events() {
        List<Object> events = new ArrayList<>(spans.size() + errors.size() + dependencies.size() + mutations.size());
        events.addAll(spans);
        events.addAll(errors);
        events.addAll(dependencies);
        events.addAll(mutations);
        return Collections.unmodifiableList(events);
    }

    @Override
    public List<String> services() {
        return spans.stream().map(SpanRecorded::service).toList();
    }

    @Override
    public int accepted() {
        return spans.size();
    }

    @Override
    public ExportTraceServiceResponse response() {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejected)
                    .setErrorMessage("dropped invalid spans: " + String.join("; ", rejections)));
        }
        return response.build();
    }
}
