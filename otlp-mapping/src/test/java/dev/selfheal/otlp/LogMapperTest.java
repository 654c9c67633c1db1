package dev.selfheal.otlp;

import static dev.selfheal.otlp.OtlpFixtures.attr;
import static dev.selfheal.otlp.OtlpFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.LogSeverity;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMapperTest {

    @Test
    void recordTakesResourceSeverityBodyTraceContextAndAttributes() {
        LogBatch batch = LogMapper.map(request(LogRecord.newBuilder()
                .setTimeUnixNano(1_000_000_123L).setSeverityNumber(io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_WARN)
                .setBody(AnyValue.newBuilder().setStringValue("disk 91% full"))
                .setTraceId(id(OtlpFixtures.TRACE)).setSpanId(id("00f067aa0ba902b7"))
                .addAttributes(attr("thread.name", "main"))));

        LogRecorded log = batch.logs().get(0);
        assertThat(log.service()).isEqualTo("checkout");
        assertThat(log.version()).isEqualTo("unknown");
        assertThat(log.time()).isEqualTo(Instant.ofEpochSecond(1, 123));
        assertThat(log.severity()).isEqualTo(LogSeverity.WARN);
        assertThat(log.body()).isEqualTo("disk 91% full");
        assertThat(log.traceId()).isEqualTo(OtlpFixtures.TRACE);
        assertThat(log.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(log.attributes()).containsEntry("thread.name", "main");
        assertThat(log.templateId()).isNull();
        assertThat(log.template()).isNull();
        assertThat(log.parameters()).isNull();
    }

    @Test
    void observedTimeStandsInAndNonStringBodiesBecomeText() {
        LogBatch batch = LogMapper.map(request(LogRecord.newBuilder().setObservedTimeUnixNano(5)
                .setBody(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setBoolValue(true))))));

        assertThat(batch.logs()).singleElement().satisfies(log -> {
            assertThat(log.time()).isEqualTo(Instant.ofEpochSecond(0, 5));
            assertThat(log.body()).isEqualTo("1,true");
            assertThat(log.traceId()).isNull();
            assertThat(log.severity()).isEqualTo(LogSeverity.INFO);
        });
    }

    @Test
    void invalidRecordsAreDroppedAndCounted() {
        LogBatch batch = LogMapper.map(request(
                LogRecord.newBuilder().setTimeUnixNano(1),
                LogRecord.newBuilder(),
                LogRecord.newBuilder().setTimeUnixNano(1).setTraceId(ByteString.copyFrom(new byte[3])),
                LogRecord.newBuilder().setTimeUnixNano(1).setSpanId(ByteString.copyFrom(new byte[8]))));

        assertThat(batch.logs()).hasSize(1);
        assertThat(batch.rejected()).isEqualTo(3);
        assertThat(String.join("; ", batch.rejections())).contains("timeUnixNano").contains("traceId").contains("spanId");
    }

    @ParameterizedTest
    @CsvSource({"WARNING,0,WARN", "error,0,ERROR", "Critical,0,FATAL", ",1,TRACE", ",8,DEBUG", ",9,INFO",
            ",16,WARN", ",17,ERROR", ",24,FATAL", "verbose,21,FATAL", ",0,INFO"})
    void severityFromTextElseNumberRange(String text, int number, LogSeverity expected) {
        assertThat(LogMapper.severity(text, number)).isEqualTo(expected);
    }

    private static ExportLogsServiceRequest request(LogRecord.Builder... records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (LogRecord.Builder record : records) {
            scope.addLogRecords(record);
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(OtlpFixtures.resource(attr("service.name", "checkout"))).addScopeLogs(scope)).build();
    }
}
