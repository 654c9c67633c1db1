package dev.selfheal.telemetry.evidence.testreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.Counter;
import dev.selfheal.contracts.v1.TestReportRecorded.MethodCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.TestCase;
import dev.selfheal.contracts.v1.TestReportRecorded.TestOutcome;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.evidence.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportParserTest {

    @Test
    void realJacocoReportKeepsEveryClassAndMethodByItsExactName() {
        ParsedTestReport.Coverage report = (ParsedTestReport.Coverage) TestReportParser.parse(
                Resources.bytes("log-mining-jacoco.xml"));

        assertThat(report.format()).isEqualTo(TestReportFormat.JACOCO);
        assertThat(report.name()).isEqualTo("Selfheal :: Log mining");
        assertThat(report.classes()).hasSize(14);
        assertThat(report.methods()).isEqualTo(77);
        assertThat(report.totals().instructions()).isEqualTo(new Counter(442, 3002));
        assertThat(report.totals().branches()).isEqualTo(new Counter(73, 353));
        assertThat(report.totals().lines()).isEqualTo(new Counter(72, 491));
        assertThat(report.totals().methods()).isEqualTo(new Counter(6, 71));
        assertThat(report.totals().classes()).isEqualTo(new Counter(1, 12));

        ClassCoverage grouping = type(report, "dev.selfheal.logmining.eval.GroupingAccuracy");
        assertThat(grouping.sourceFile()).isEqualTo("GroupingAccuracy.java");
        assertThat(grouping.methods()).containsExactly(new MethodCoverage("of", "([ILjava/util/List;)D", 17,
                new Counter(0, 132), new Counter(0, 14), new Counter(0, 19)));
        assertThat(type(report, "dev.selfheal.logmining.eval.LoghubSystem").methods()).first()
                .satisfies(m -> assertThat(m.name()).isEqualTo("<init>"));
        assertThat(type(report, "dev.selfheal.logmining.eval.MiningThroughput").methods())
                .filteredOn(m -> m.name().equals("main")).singleElement()
                .satisfies(m -> assertThat(m.covered()).as("an evaluation main no test runs").isFalse());
        int covered = report.classes().stream().flatMap(c -> c.methods().stream())
                .mapToInt(m -> m.instructions().covered()).sum();
        assertThat(covered).as("every instruction belongs to a method: the methods add up to the report's total")
                .isEqualTo(3002);
    }

    @Test
    void groupsNestPackagesAndNestedClassesKeepTheirDollar() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
                <report name="shop"><sessioninfo id="a" start="1" dump="2"/>
                  <group name="orders"><group name="api"><package name="com/shop">
                    <class name="com/shop/OrderResource$Line" sourcefilename="OrderResource.java">
                      <method name="total" desc="()J"><counter type="INSTRUCTION" missed="4" covered="0"/></method>
                    </class>
                    <sourcefile name="OrderResource.java"><line nr="3" mi="0" ci="2" mb="0" cb="0"/></sourcefile>
                  </package></group></group>
                  <counter type="INSTRUCTION" missed="4" covered="0"/>
                </report>""";

        ParsedTestReport.Coverage report = (ParsedTestReport.Coverage) TestReportParser.parse(bytes(xml));

        assertThat(report.classes()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("com.shop.OrderResource$Line");
            assertThat(c.methods()).containsExactly(new MethodCoverage("total", "()J", null, new Counter(4, 0), null, null));
        });
        assertThat(report.totals().branches()).isNull();
    }

    @Test
    void realSurefireReportListsEveryTestCase() {
        ParsedTestReport.TestResults report = (ParsedTestReport.TestResults) TestReportParser.parse(
                Resources.bytes("log-mining-surefire.xml"));

        assertThat(report.format()).isEqualTo(TestReportFormat.JUNIT);
        assertThat(report.name()).isEqualTo("dev.selfheal.logmining.LogTemplateMinerTest");
        assertThat(report.cases()).hasSize(8).allSatisfy(c -> {
            assertThat(c.className()).isEqualTo("dev.selfheal.logmining.LogTemplateMinerTest");
            assertThat(c.outcome()).isEqualTo(TestOutcome.PASSED);
        });
        assertThat(report.cases().get(0)).isEqualTo(new TestCase("dev.selfheal.logmining.LogTemplateMinerTest",
                "threadNamesOfAnyLengthAreOneParameter", 0.256, TestOutcome.PASSED, null, null));
        assertThat(report.totals().tests()).isEqualTo(8);
        assertThat(report.totals().passed()).isEqualTo(8);
        assertThat(report.totals().timeSeconds()).isEqualTo(0.333);
    }

    @Test
    void surefireFailuresErrorsAndSkipsAreTold() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.shop.OrderResourceTest" time="1,234.5" tests="5" errors="1" skipped="1" failures="1">
                  <properties><property name="java.version" value="17"/></properties>
                  <testcase name="getsAnOrder" classname="com.shop.OrderResourceTest" time="0.5"/>
                  <testcase name="refusesAnUnknownOrder" classname="com.shop.OrderResourceTest" time="1,234.0">
                    <failure message="expected: &lt;404&gt; but was: &lt;500&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <404> but was: <500>
                	at com.shop.OrderResourceTest.refusesAnUnknownOrder(OrderResourceTest.java:42)]]></failure>
                    <system-out><![CDATA[started]]></system-out>
                  </testcase>
                  <testcase name="storesAnOrder" classname="com.shop.OrderResourceTest" time="0.1">
                    <error type="java.lang.IllegalStateException">java.lang.IllegalStateException: no database
                	at com.shop.Orders.store(Orders.java:7)</error>
                  </testcase>
                  <testcase name="exportsOrders" classname="com.shop.OrderResourceTest" time="0">
                    <skipped message="not on CI"/>
                  </testcase>
                  <testcase name="flaky" classname="com.shop.OrderResourceTest" time="0.2">
                    <flakyFailure message="first run failed" type="java.lang.AssertionError"/>
                  </testcase>
                </testsuite>""";

        ParsedTestReport.TestResults report = (ParsedTestReport.TestResults) TestReportParser.parse(bytes(xml));

        assertThat(report.cases()).extracting(TestCase::name, TestCase::outcome, TestCase::failureType, TestCase::failureMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("getsAnOrder", TestOutcome.PASSED, null, null),
                        org.assertj.core.groups.Tuple.tuple("refusesAnUnknownOrder", TestOutcome.FAILED,
                                "org.opentest4j.AssertionFailedError", "expected: <404> but was: <500>"),
                        org.assertj.core.groups.Tuple.tuple("storesAnOrder", TestOutcome.ERROR,
                                "java.lang.IllegalStateException", "java.lang.IllegalStateException: no database"),
                        org.assertj.core.groups.Tuple.tuple("exportsOrders", TestOutcome.SKIPPED, null, "not on CI"),
                        org.assertj.core.groups.Tuple.tuple("flaky", TestOutcome.PASSED, null, null));
        assertThat(report.cases().get(1).timeSeconds()).isEqualTo(1234.0);
        assertThat(report.totals()).satisfies(t -> {
            assertThat(t.tests()).isEqualTo(5);
            assertThat(t.passed()).isEqualTo(2);
            assertThat(t.failed()).isEqualTo(1);
            assertThat(t.errors()).isEqualTo(1);
            assertThat(t.skipped()).isEqualTo(1);
        });
    }

    @Test
    void gradleReportsOfSeveralSuitesAreOneReport() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="shop:test">
                  <testsuite name="com.shop.OrderTest" tests="2" skipped="0" failures="1" errors="0" timestamp="2026-11-29T10:00:00" hostname="ci" time="0.3">
                    <properties/>
                    <testcase name="totals()" classname="com.shop.OrderTest" time="0.1"/>
                    <testcase name="rounds [1] 0.5" classname="com.shop.OrderTest" time="0.2">
                      <failure message="org.opentest4j.AssertionFailedError: expected: &lt;1&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;1&gt;</failure>
                    </testcase>
                    <system-out><![CDATA[]]></system-out>
                    <system-err><![CDATA[]]></system-err>
                  </testsuite>
                  <testsuite name="com.shop.CartTest" tests="1" time="0.05">
                    <testcase name="empty()" time="0.05"/>
                  </testsuite>
                </testsuites>""";

        ParsedTestReport.TestResults report = (ParsedTestReport.TestResults) TestReportParser.parse(bytes(xml));

        assertThat(report.name()).isEqualTo("shop:test");
        assertThat(report.cases()).extracting(TestCase::className, TestCase::name, TestCase::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("com.shop.OrderTest", "totals()", TestOutcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("com.shop.OrderTest", "rounds [1] 0.5", TestOutcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("com.shop.CartTest", "empty()", TestOutcome.PASSED));
        assertThat(report.totals().timeSeconds()).isEqualTo(0.35);
    }

    @Test
    void longFailureMessagesAreCut() {
        String xml = "<testsuite name='s'><testcase name='t' classname='c'><failure message='" + "x".repeat(5000)
                + "'/></testcase></testsuite>";

        TestCase only = ((ParsedTestReport.TestResults) TestReportParser.parse(bytes(xml))).cases().get(0);

        assertThat(only.failureMessage()).hasSize(JunitReader.MAX_MESSAGE).endsWith("...");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top-secret");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY leak SYSTEM "%s">]>
                <testsuite name="s"><testcase name="&leak;" classname="c"/></testsuite>""".formatted(secret.toUri());

        assertThatThrownBy(() -> TestReportParser.parse(bytes(xxe)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("not well-formed XML").contains("leak").doesNotContain("top-secret");
                });
    }

    @Test
    void entityExpansionIsRefused() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE report [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <report name="&b;"><package name="p"><class name="p/A"/></package></report>""";

        assertThatThrownBy(() -> TestReportParser.parse(bytes(laughs)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("not well-formed XML"));
    }

    @Test
    void eachMalformedOrForeignDocumentIsA400SayingWhy() {
        assertInvalid("{\"report\": 1}", "is not well-formed XML at line 1, column 1");
        assertInvalid("<report name='x'><package name='p'>", "is not well-formed XML");
        assertInvalid("<testsuite name='s'><testcase name='t'/></testsuite><extra/>", "is not well-formed XML");
        assertInvalid("<html><body/></html>", "is not a JaCoCo or JUnit XML report: its root element is <html>");
        assertInvalid("<report name='empty'/>", "JaCoCo report without any class");
        assertInvalid("<report><package name='p'><class sourcefilename='A.java'/></package></report>", "<class> at line 1 has no name attribute");
        assertInvalid("<report><package name='p'><class name='p/A'><method name='m' desc='()V'>"
                + "<counter type='INSTRUCTION' missed='-1' covered='x'/></method></class></package></report>", "missed '-1' is not a whole number");
        assertInvalid("<report><package name='p'><class name='p/A'><method name='m'/></class></package></report>", "has no desc attribute");
        assertInvalid("<testsuites><testsuite name='s'/></testsuites>", "JUnit report without any testcase");
        assertInvalid("<testsuite name='s'><testcase classname='c'/></testsuite>", "<testcase> at line 1 has no name attribute");
        assertInvalid("<testsuite name='s'><testcase name='t' time='soon'/></testsuite>", "time 'soon' is not a number of seconds");
    }

    private static void assertInvalid(String xml, String detail) {
        assertThatThrownBy(() -> TestReportParser.parse(bytes(xml)))
                .as(xml)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
                    assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("body"));
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    private static ClassCoverage type(ParsedTestReport.Coverage report, String name) {
        return report.classes().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no class " + name));
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
