package dev.selfheal.otlp;

import dev.selfheal.contracts.v1.LogRecorded;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.List;

/**
 * What an OTLP logs export normalises to, and what was dropped.
 *
 * @param rejected   log records dropped as invalid (OTLP's {@code rejected_log_records})
 * @param rejections why, one line per reason, for the response's {@code error_message}
 */
public record LogBatch(List<LogRecorded> logs, int rejected, List<String> rejections) implements ExportBatch {

    public LogBatch {
        logs = List.copyOf(logs);
        rejections = List.copyOf(rejections);
    }

    @Override
    public List<String> services() {
        return logs.stream().map(LogRecorded::service).toList();
    }

    @Override
    public int accepted() {
        return logs.size();
    }

    @Override
    public ExportLogsServiceResponse response() {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(rejected)
                    .setErrorMessage("dropped invalid log records: " + String.join("; ", rejections)));
        }
        return response.build();
    }
}
