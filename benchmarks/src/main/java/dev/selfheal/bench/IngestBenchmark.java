package dev.selfheal.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.selfheal.otlp.TraceBatch;
import dev.selfheal.otlp.TraceMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * telemetry-service's per-span CPU work before storage and Kafka: decoding an OTLP protobuf export and mapping it
 * to Selfheal's events. Reported per span.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {

    static final int TRACES = 250;
    static final int SPANS = TRACES * 2;

    private byte[] export;

    @Setup
    public void encode() {
        export = new OtlpBatches(7).request(TRACES).toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public TraceBatch decodeAndMap() throws InvalidProtocolBufferException {
        return TraceMapper.map(ExportTraceServiceRequest.parseFrom(export));
    }
}
