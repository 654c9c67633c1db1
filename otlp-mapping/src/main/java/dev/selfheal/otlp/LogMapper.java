package dev.selfheal.otlp;

import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.LogSeverity;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps an OTLP logs export to {@link LogRecorded} events. Templates are left empty: telemetry-service mines them
 * (log-mining) before it publishes the events. An invalid record is dropped and counted, never allowed to fail the
 * batch.
 */
public final class LogMapper {

    private LogMapper() {
    }

    public static LogBatch map(ExportLogsServiceRequest request) {
        List<LogRecorded> logs = new ArrayList<>();
        Rejections rejections = new Rejections();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            ResourceIdentity identity = ResourceIdentity.of(resourceLogs.getResource());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    String problem = problem(record);
                    if (problem != null) {
                        rejections.add(problem);
                    } else {
                        logs.add(log(identity, record));
                    }
                }
            }
        }
        return new LogBatch(logs, rejections.total(), rejections.reasons());
    }

    static String problem(LogRecord record) {
        if (record.getTimeUnixNano() == 0 && record.getObservedTimeUnixNano() == 0) {
            return "timeUnixNano or observedTimeUnixNano is required";
        }
        if (!record.getTraceId().isEmpty() && !Ids.valid(record.getTraceId(), Ids.TRACE_ID_BYTES)) {
            return "traceId must be empty or 32 hex digits, not all zero";
        }
        if (!record.getSpanId().isEmpty() && !Ids.valid(record.getSpanId(), Ids.SPAN_ID_BYTES)) {
            return "spanId must be empty or 16 hex digits, not all zero";
        }
        return null;
    }

    private static LogRecorded log(ResourceIdentity identity, LogRecord record) {
        long nanos = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        String body = Attributes.text(record.getBody());
        return new LogRecorded(identity.service(), identity.version(), identity.environment(), Ids.instant(nanos),
                severity(record.getSeverityText(), record.getSeverityNumberValue()), body == null ? "" : body,
                record.getTraceId().isEmpty() ? null : Ids.hex(record.getTraceId()),
                record.getSpanId().isEmpty() ? null : Ids.hex(record.getSpanId()),
                Attributes.flatten(record.getAttributesList()), null, null, null);
    }

    /**
     * The severity text when it names a level (WARNING counts as WARN, CRITICAL as FATAL), else the severity
     * number's range (1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL), else INFO.
     */
    static LogSeverity severity(String text, int number) {
        String upper = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (LogSeverity severity : LogSeverity.values()) {
            if (upper.startsWith(severity.name())) {
                return severity;
            }
        }
        if (upper.startsWith("CRITICAL")) {
            return LogSeverity.FATAL;
        }
        if (number >= 1 && number <= 24) {
            return LogSeverity.values()[(number - 1) / 4];
        }
        return LogSeverity.INFO;
    }
}
