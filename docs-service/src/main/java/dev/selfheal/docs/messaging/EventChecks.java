package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.SpanRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes an incoming event unusable, in words that go to the dead-letter topic with it. The limits are
 * those of the docs schema's columns.
 */
public final class EventChecks {

    static final int MAX_NAME = 255;
    static final int MAX_HANDLER = 512;

    private EventChecks() {
    }

    public static List<String> problems(SpanRecorded span) {
        List<String> problems = new ArrayList<>();
        text(problems, "service", span.service(), MAX_NAME, true);
        text(problems, "version", span.version(), MAX_NAME, true);
        text(problems, "handler", span.handler(), MAX_HANDLER, true);
        if (span.start() == null) {
            problems.add("start is required");
        }
        if (span.status() == null) {
            problems.add("status is required");
        }
        if (!Double.isFinite(span.durationMs()) || span.durationMs() < 0) {
            problems.add("durationMs must be a finite number of milliseconds, at least 0");
        }
        return problems;
    }

    public static List<String> problems(FixEvent fix) {
        List<String> problems = new ArrayList<>();
        text(problems, "fixId", fix.fixId(), MAX_NAME, true);
        text(problems, "service", fix.service(), MAX_NAME, true);
        text(problems, "handler", fix.handler(), MAX_HANDLER, false);
        text(problems, "anomalyId", fix.anomalyId(), MAX_NAME, false);
        text(problems, "playbook", fix.playbook(), MAX_NAME, false);
        text(problems, "actor", fix.actor(), MAX_NAME, false);
        if (fix.status() == null) {
            problems.add("status is required");
        }
        if (fix.occurredAt() == null) {
            problems.add("occurredAt is required");
        }
        return problems;
    }

    private static void text(List<String> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " is required and must not be blank");
            }
        } else if (value.length() > max) {
            problems.add(field + " must be at most " + max + " characters");
        }
    }
}
