package dev.selfheal.telemetry.messaging;

import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.LogRecorded;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.contracts.v1.StateMutated;
import dev.selfheal.contracts.v1.TestReportRecorded;

/**
 * A contract record with its CloudEvent attributes. Events of one trace share its id as the Kafka key, so a
 * consumer sees a trace's spans, errors and calls in order; a log outside any trace is keyed by its service, and
 * so is the evidence CI sends (test reports, API specs), which belongs to no trace.
 */
public record OutgoingEvent(Object payload, String id, String type, String key) {

    public static OutgoingEvent of(SpanRecorded e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.SPAN_RECORDED, e.traceId());
    }

    public static OutgoingEvent of(ErrorObserved e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.ERROR_OBSERVED, e.traceId());
    }

    public static OutgoingEvent of(DependencyCalled e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.DEPENDENCY_CALLED, e.traceId());
    }

    public static OutgoingEvent of(StateMutated e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.STATE_MUTATED, e.traceId());
    }

    public static OutgoingEvent of(LogRecorded e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.LOG_RECORDED,
                e.traceId() == null ? e.service() : e.traceId());
    }

    /**
     * A span, error, dependency call, state mutation or log by its runtime type, as a list of mixed events holds it
     * ({@code TraceBatch.events()}).
     */
    public static OutgoingEvent of(Object event) {
        if (event instanceof SpanRecorded e) {
            return of(e);
        }
        if (event instanceof ErrorObserved e) {
            return of(e);
        }
        if (event instanceof DependencyCalled e) {
            return of(e);
        }
        if (event instanceof StateMutated e) {
            return of(e);
        }
        if (event instanceof LogRecorded e) {
            return of(e);
        }
        throw new IllegalArgumentException("not a telemetry event: " + event.getClass().getName());
    }

    public static OutgoingEvent of(TestReportRecorded e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.TEST_REPORT_RECORDED, e.service());
    }

    public static OutgoingEvent of(SpecPublished e) {
        return new OutgoingEvent(e, e.eventId(), EventTypes.SPEC_PUBLISHED, e.service());
    }
}
