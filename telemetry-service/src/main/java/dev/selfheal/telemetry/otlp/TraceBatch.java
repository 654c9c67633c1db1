package dev.selfheal.telemetry.otlp;

import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.StateMutated;
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
        List<String> rejections) {

    public TraceBatch {
        spans = List.copyOf(spans);
        errors = List.copyOf(errors);
        dependencies = List.copyOf(dependencies);
        mutations = List.copyOf(mutations);
        rejections = List.copyOf(rejections);
    }
}
