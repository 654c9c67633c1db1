package dev.selfheal.contracts.v1;

/** The role of a span in its trace, as OpenTelemetry's {@code SpanKind} has it. */
public enum SpanKind {
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
}
