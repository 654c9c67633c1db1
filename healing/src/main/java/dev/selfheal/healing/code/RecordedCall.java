package dev.selfheal.healing.code;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One production call of a handler, read from its server span's attributes (OpenTelemetry HTTP semantic
 * conventions, with the older names as a fallback).
 *
 * @param traceId    the trace it came from
 * @param method     {@code http.request.method}
 * @param path       {@code url.path} and {@code url.query}, else {@code http.target}, else the route
 * @param body       {@code http.request.body} when the service records it, else null
 * @param status     {@code http.response.status_code}, 0 when not recorded
 * @param durationMs how long it took
 * @param ok         whether the span ended OK
 * @param attributes every attribute of the span, for state values and {@code code.function}
 */
public record RecordedCall(String traceId, String method, String path, String body, int status, double durationMs,
        boolean ok, Map<String, String> attributes) {

    /**
     * The calls of a handler in some traces, one per distinct method, path, body and status (a replayed test needs
     * each case once), at most {@code limit}.
     */
    public static List<RecordedCall> of(List<List<SpanRecorded>> traces, String service, String handler, int limit) {
        Optional<Route> route = Route.parse(handler);
        List<RecordedCall> calls = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (List<SpanRecorded> trace : traces) {
            for (SpanRecorded span : trace) {
                if (calls.size() >= limit) {
                    return calls;
                }
                if (service != null && !service.equals(span.service()) || span.kind() == SpanKind.CLIENT) {
                    continue;
                }
                Optional<RecordedCall> call = from(span);
                boolean handles = span.handler().equals(handler) || call.isPresent() && route.isPresent()
                        && route.get().servedBy(call.get().method(), call.get().path());
                if (handles && call.isPresent() && seen.add(call.get().key())) {
                    calls.add(call.get());
                }
            }
        }
        return calls;
    }

    /** The call a server span records; empty when it lacks the method or the path. */
    public static Optional<RecordedCall> from(SpanRecorded span) {
        Map<String, String> a = span.attributes();
        Optional<Route> route = Route.parse(span.handler());
        String method = first(a.get("http.request.method"), a.get("http.method"),
                route.map(Route::method).orElse(null));
        String path = a.get("url.path") != null
                ? a.get("url.path") + (a.get("url.query") == null ? "" : "?" + a.get("url.query"))
                : first(a.get("http.target"), a.get("http.route"), route.map(Route::path).orElse(null));
        if (method == null || path == null || path.contains("{")) {
            return Optional.empty();
        }
        return Optional.of(new RecordedCall(span.traceId(), method, path, a.get("http.request.body"),
                status(first(a.get("http.response.status_code"), a.get("http.status_code"))), span.durationMs(),
                span.status() == dev.selfheal.contracts.v1.SpanStatus.OK, a));
    }

    private String key() {
        return method + ' ' + path + ' ' + body + ' ' + status;
    }

    private static int status(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
