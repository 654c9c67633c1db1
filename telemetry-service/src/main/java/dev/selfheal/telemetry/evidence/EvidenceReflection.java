package dev.selfheal.telemetry.evidence;

import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.contracts.v1.TestReportRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Jackson reflects on the evidence contracts to write them to Kafka (the emitter's payload type is {@code Object},
 * so nothing tells Quarkus about them) and to read stored operations back; a native executable keeps only the
 * classes registered for reflection.
 */
@RegisterForReflection(targets = {
        TestReportRecorded.class, TestReportRecorded.Counter.class, TestReportRecorded.CoverageTotals.class,
        TestReportRecorded.ClassCoverage.class, TestReportRecorded.MethodCoverage.class,
        TestReportRecorded.TestTotals.class, TestReportRecorded.TestCase.class, TestReportRecorded.TestOutcome.class,
        SpecPublished.class, SpecPublished.Operation.class, SpecPublished.Parameter.class})
final class EvidenceReflection {

    private EvidenceReflection() {
    }
}
