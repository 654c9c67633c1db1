package dev.selfheal.otlp;

import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DependencyKind;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.StateMutated;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps an OTLP trace export to Selfheal's normalised events by the OpenTelemetry semantic conventions (the
 * rules are written down in telemetry-service's README, "Telemetry conventions"). An invalid span is dropped and
 * counted, never allowed to fail the batch.
 */
public final class TraceMapper {

    /** The exception type of an error reported only by span status, without an exception event. */
    public static final String STATUS_ERROR_TYPE = "span.status.error";
    /** The semantic conventions' value of {@code error.type} when nothing more precise is known. */
    public static final String OTHER_ERROR = "_OTHER";

    static final String EXCEPTION_EVENT = "exception";
    static final String STATE_EVENT = "state.mutation";
    private static final int MAX_HANDLER = 512;

    private TraceMapper() {
    }

    /** The export's events, in the order telemetry-service publishes them ({@link TraceBatch#events()}). */
    public static List<Object> events(ExportTraceServiceRequest request) {
        return map(request).events();
    }

    /** The export's events by type, with what was dropped and why. */
    public static TraceBatch map(ExportTraceServiceRequest request) {
        List<SpanRecorded> spans = new ArrayList<>();
        List<ErrorObserved> errors = new ArrayList<>();
        List<DependencyCalled> dependencies = new ArrayList<>();
        List<StateMutated> mutations = new ArrayList<>();
        Rejections rejections = new Rejections();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            ResourceIdentity identity = ResourceIdentity.of(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    String problem = problem(span);
                    if (problem != null) {
                        rejections.add(problem);
                        continue;
                    }
                    SpanRecorded recorded = span(identity, span);
                    spans.add(recorded);
                    errors.addAll(errors(identity, span, recorded));
                    DependencyCalled call = dependency(identity, span, recorded);
                    if (call != null) {
                        dependencies.add(call);
                    }
                    mutations.addAll(mutations(identity, span, recorded));
                }
            }
        }
        return new TraceBatch(spans, errors, dependencies, mutations, rejections.total(), rejections.reasons());
    }

    /** Why a span cannot be accepted, or null when it can. */
    static String problem(Span span) {
        if (!Ids.valid(span.getTraceId(), Ids.TRACE_ID_BYTES)) {
            return "traceId must be 32 hex digits, not all zero";
        }
        if (!Ids.valid(span.getSpanId(), Ids.SPAN_ID_BYTES)) {
            return "spanId must be 16 hex digits, not all zero";
        }
        if (!span.getParentSpanId().isEmpty() && !Ids.valid(span.getParentSpanId(), Ids.SPAN_ID_BYTES)) {
            return "parentSpanId must be empty or 16 hex digits, not all zero";
        }
        if (span.getName().isBlank()) {
            return "name (the handler) must not be empty";
        }
        if (span.getName().length() > MAX_HANDLER) {
            return "name (the handler) must be at most " + MAX_HANDLER + " characters";
        }
        if (span.getStartTimeUnixNano() == 0) {
            return "startTimeUnixNano is required";
        }
        if (Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
            return "endTimeUnixNano must not be before startTimeUnixNano";
        }
        return null;
    }

    private static SpanRecorded span(ResourceIdentity identity, Span span) {
        return new SpanRecorded(identity.service(), identity.version(), Ids.hex(span.getTraceId()),
                Ids.hex(span.getSpanId()),
                span.getParentSpanId().isEmpty() ? null : Ids.hex(span.getParentSpanId()),
                span.getName().strip(),
                Ids.instant(span.getStartTimeUnixNano()),
                (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000.0,
                span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? SpanStatus.ERROR : SpanStatus.OK,
                Attributes.flatten(span.getAttributesList()),
                kind(span.getKind()),
                identity.environment());
    }

    static SpanKind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> SpanKind.SERVER;
            case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
            case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
            case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    /** One error per exception event; a span with status ERROR and no exception event yields one of its own. */
    private static List<ErrorObserved> errors(ResourceIdentity identity, Span span, SpanRecorded recorded) {
        List<ErrorObserved> errors = new ArrayList<>();
        for (Span.Event event : span.getEventsList()) {
            if (!EXCEPTION_EVENT.equals(event.getName())) {
                continue;
            }
            Map<String, String> attributes = Attributes.flatten(event.getAttributesList());
            String type = firstNonBlank(attributes.get("exception.type"), recorded.attributes().get("error.type"),
                    OTHER_ERROR);
            Instant time = event.getTimeUnixNano() == 0 ? end(span) : Ids.instant(event.getTimeUnixNano());
            errors.add(error(identity, recorded, time, type, attributes.get("exception.message"),
                    topFrame(attributes.get("exception.stacktrace"))));
        }
        if (errors.isEmpty() && recorded.status() == SpanStatus.ERROR) {
            String type = firstNonBlank(recorded.attributes().get("error.type"), STATUS_ERROR_TYPE);
            String message = span.getStatus().getMessage().isBlank() ? null : span.getStatus().getMessage();
            errors.add(error(identity, recorded, end(span), type, message, null));
        }
        return errors;
    }

    private static ErrorObserved error(ResourceIdentity identity, SpanRecorded span, Instant time, String type,
            String message, String topFrame) {
        String template = MessageTemplates.template(message);
        return new ErrorObserved(identity.service(), identity.version(), identity.environment(), span.traceId(),
                span.spanId(), span.handler(), time, type, message, template, topFrame,
                ErrorObserved.signatureOf(type, template, topFrame));
    }

    /** The first {@code at ...} line of a stack trace, without {@code at }; null when there is none. */
    static String topFrame(String stacktrace) {
        if (stacktrace == null) {
            return null;
        }
        for (String line : stacktrace.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("at ")) {
                return stripped.substring(3).strip();
            }
        }
        return null;
    }

    /** A CLIENT or PRODUCER span that names what it called; null for any other span. */
    private static DependencyCalled dependency(ResourceIdentity identity, Span span, SpanRecorded recorded) {
        if (recorded.kind() != SpanKind.CLIENT && recorded.kind() != SpanKind.PRODUCER) {
            return null;
        }
        Map<String, String> a = recorded.attributes();
        String dbSystem = firstNonBlank(a.get("db.system"), a.get("db.system.name"));
        String messagingSystem = a.get("messaging.system");
        String rpcSystem = a.get("rpc.system");
        String target = target(a, dbSystem);
        if (target == null) {
            return null;
        }
        DependencyKind kind;
        String system;
        if (dbSystem != null) {
            kind = DependencyKind.DATABASE;
            system = dbSystem;
        } else if (messagingSystem != null) {
            kind = DependencyKind.MESSAGING;
            system = messagingSystem;
        } else if (rpcSystem != null) {
            kind = DependencyKind.RPC;
            system = rpcSystem;
        } else if (a.containsKey("http.request.method") || a.containsKey("http.method")) {
            kind = DependencyKind.HTTP;
            system = null;
        } else {
            kind = DependencyKind.OTHER;
            system = null;
        }
        SpanStatus outcome = recorded.status();
        String errorType = outcome == SpanStatus.OK ? null : firstNonBlank(a.get("error.type"),
                exceptionType(span), a.get("http.response.status_code"), a.get("http.status_code"), OTHER_ERROR);
        return new DependencyCalled(identity.service(), identity.version(), identity.environment(),
                recorded.traceId(), recorded.spanId(), recorded.handler(), target, kind, system, recorded.start(),
                recorded.durationMs(), outcome, errorType);
    }

    static String target(Map<String, String> a, String dbSystem) {
        String peer = firstNonBlank(a.get("peer.service"));
        if (peer != null) {
            return peer;
        }
        String address = firstNonBlank(a.get("server.address"));
        if (address != null) {
            String port = firstNonBlank(a.get("server.port"));
            return port == null ? address : address + ":" + port;
        }
        if (dbSystem != null) {
            String namespace = firstNonBlank(a.get("db.namespace"), a.get("db.name"));
            return namespace == null ? dbSystem : dbSystem + "/" + namespace;
        }
        return firstNonBlank(a.get("messaging.destination.name"), a.get("messaging.system"));
    }

    private static String exceptionType(Span span) {
        for (Span.Event event : span.getEventsList()) {
            if (EXCEPTION_EVENT.equals(event.getName())) {
                String type = Attributes.flatten(event.getAttributesList()).get("exception.type");
                if (type != null && !type.isBlank()) {
                    return type;
                }
            }
        }
        return null;
    }

    private static List<StateMutated> mutations(ResourceIdentity identity, Span span, SpanRecorded recorded) {
        List<StateMutated> mutations = new ArrayList<>();
        for (Span.Event event : span.getEventsList()) {
            if (!STATE_EVENT.equals(event.getName())) {
                continue;
            }
            Map<String, String> attributes = Attributes.flatten(event.getAttributesList());
            String key = firstNonBlank(attributes.get("state.key"));
            String value = attributes.get("state.value");
            if (key == null || value == null) {
                continue;
            }
            Instant time = event.getTimeUnixNano() == 0 ? end(span) : Ids.instant(event.getTimeUnixNano());
            mutations.add(new StateMutated(identity.service(), identity.version(), identity.environment(),
                    recorded.traceId(), recorded.spanId(), recorded.handler(), time, key, value,
                    attributes.get("state.previous")));
        }
        return mutations;
    }

    private static Instant end(Span span) {
        return Ids.instant(span.getEndTimeUnixNano());
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
