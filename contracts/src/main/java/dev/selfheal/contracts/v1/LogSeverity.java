package dev.selfheal.contracts.v1;

/** Severity of a log record, reduced to OpenTelemetry's six ranges of {@code SeverityNumber}. */
public enum LogSeverity {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL
}
