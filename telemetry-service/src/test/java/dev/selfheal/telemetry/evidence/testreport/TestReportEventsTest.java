package dev.selfheal.telemetry.evidence.testreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.Counter;
import dev.selfheal.contracts.v1.TestReportRecorded.CoverageTotals;
import dev.selfheal.contracts.v1.TestReportRecorded.MethodCoverage;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.evidence.Resources;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestReportEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123456Z");

    @Test
    void realReportIsCutIntoPartsThatEachFitAndTogetherHoldEveryMethod() {
        ParsedTestReport.Coverage report = (ParsedTestReport.Coverage) TestReportParser.parse(
                Resources.bytes("log-mining-jacoco.xml"));
        int max = 2048;

        List<TestReportRecorded> events = new TestReportEvents(TestReportEventsTest::size, max)
                .of("0123456789abcdef", "log-mining", "0.1.0", AT, report);

        assertThat(events).hasSizeGreaterThan(3).allSatisfy(e -> {
            assertThat(size(e)).isLessThanOrEqualTo(max);
            assertThat(e.parts()).isEqualTo(events.size());
            assertThat(e.coverage()).isEqualTo(report.totals());
            assertThat(e.reportId()).isEqualTo("0123456789abcdef");
        });
        assertThat(events).extracting(TestReportRecorded::part)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, events.size()).boxed().toList());
        List<String> methods = events.stream().flatMap(e -> e.classes().stream())
                .flatMap(c -> c.methods().stream().map(m -> c.name() + "." + m.name() + m.descriptor())).toList();
        assertThat(methods).hasSize(77).doesNotHaveDuplicates();
        assertThat(events.stream().flatMap(e -> e.classes().stream()).filter(c -> c.name().equals("dev.selfheal.logmining.Tokens")))
                .as("Tokens has 19 methods, more than one 2 KB event holds").hasSizeGreaterThan(1);
    }

    @Test
    void aSmallReportIsOneEvent() {
        ParsedTestReport.Coverage report = (ParsedTestReport.Coverage) TestReportParser.parse(
                Resources.bytes("log-mining-jacoco.xml"));

        List<TestReportRecorded> events = new TestReportEvents(TestReportEventsTest::size, 512 * 1024)
                .of("0123456789abcdef", "log-mining", "0.1.0", AT, report);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.classes()).hasSize(14));
    }

    @Test
    void anItemThatCannotFitAnyEventIsA413() {
        MethodCoverage huge = new MethodCoverage("m" + "x".repeat(5000), "()V", 1, new Counter(0, 1), null, null);
        ParsedTestReport.Coverage report = new ParsedTestReport.Coverage("r",
                new CoverageTotals(new Counter(0, 1), null, null, null, null), List.of(new ClassCoverage("A", null, List.of(huge))));

        assertThatThrownBy(() -> new TestReportEvents(TestReportEventsTest::size, 4096).of("0123456789abcdef", "s", "1", AT, report))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).startsWith("method A.mxxx").contains("more than one event may carry");
                });
    }

    private static int size(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
