package dev.selfheal.telemetry.otlp;

import dev.selfheal.contracts.v1.LogRecorded;
import java.util.List;

/**
 * What an OTLP logs export normalises to, and what was dropped.
 *
 * @param rejected   log records dropped as invalid (OTLP's {@code rejected_log_records})
 * @param rejections why, one line per reason, for the response's {@code error_message}
 */
public record LogBatch(List<LogRecorded> logs, int rejected, List<String> rejections) {

    public LogBatch {
        logs = List.copyOf(logs);
        rejections = List.copyOf(rejections);
    }
}
