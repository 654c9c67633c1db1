package dev.selfheal.workload.shop;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;

/**
 * Where the simulated shop's telemetry and evidence go. Every method returns once the data is accepted and
 * throws when it cannot be; an implementation never drops data without saying so.
 */
public interface TelemetrySink extends AutoCloseable {

    /** One OTLP trace export. */
    void export(ExportTraceServiceRequest request) throws IOException, InterruptedException;

    /** A service version's OpenAPI document (JSON). */
    void spec(String service, String version, String openApiJson) throws IOException, InterruptedException;

    /** A service version's test report (JaCoCo XML). */
    void testReport(String service, String version, String xml) throws IOException, InterruptedException;

    @Override
    default void close() {
    }
}
