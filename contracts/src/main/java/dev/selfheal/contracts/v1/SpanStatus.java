package dev.selfheal.contracts.v1;

/** Outcome of one handler execution, as OpenTelemetry's span status reduces it. */
public enum SpanStatus {
    OK,
    ERROR
}
