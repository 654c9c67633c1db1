package dev.selfheal.workload.shop;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything in memory, in arrival order: for tests and for evaluating detectors in-process. */
public final class InMemoryTelemetrySink implements TelemetrySink {

    /**
     * A published piece of evidence.
     *
     * @param service  the service
     * @param version  its version
     * @param document the OpenAPI JSON or JaCoCo XML
     */
    public record Document(String service, String version, String document) {
    }

    private final List<ExportTraceServiceRequest> exports = new ArrayList<>();
    private final List<Document> specs = new ArrayList<>();
    private final List<Document> testReports = new ArrayList<>();

    @Override
    public synchronized void export(ExportTraceServiceRequest request) {
        exports.add(request);
    }

    @Override
    public synchronized void spec(String service, String version, String openApiJson) {
        specs.add(new Document(service, version, openApiJson));
    }

    @Override
    public synchronized void testReport(String service, String version, String xml) {
        testReports.add(new Document(service, version, xml));
    }

    public synchronized List<ExportTraceServiceRequest> exports() {
        return List.copyOf(exports);
    }

    public synchronized List<Document> specs() {
        return List.copyOf(specs);
    }

    public synchronized List<Document> testReports() {
        return List.copyOf(testReports);
    }
}
