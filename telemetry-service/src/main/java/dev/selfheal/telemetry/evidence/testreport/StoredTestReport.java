package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportFormat;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The summary of one test report, as stored in the telemetry schema; coverage or test counters, per its format. */
@Entity
@Table(name = "test_report")
public class StoredTestReport extends PanacheEntityBase {

    /** The report id: hashed from service, version, format and content. */
    @Id
    public String id;

    public String service;

    public String version;

    @Enumerated(EnumType.STRING)
    public TestReportFormat format;

    public String name;

    @Column(name = "received_at")
    public Instant receivedAt;

    public int parts;

    /** Classes (JaCoCo) or test cases (JUnit). */
    public int items;

    public Integer methods;

    @Column(name = "instructions_missed")
    public Integer instructionsMissed;

    @Column(name = "instructions_covered")
    public Integer instructionsCovered;

    @Column(name = "branches_missed")
    public Integer branchesMissed;

    @Column(name = "branches_covered")
    public Integer branchesCovered;

    @Column(name = "lines_missed")
    public Integer linesMissed;

    @Column(name = "lines_covered")
    public Integer linesCovered;

    @Column(name = "methods_missed")
    public Integer methodsMissed;

    @Column(name = "methods_covered")
    public Integer methodsCovered;

    @Column(name = "classes_missed")
    public Integer classesMissed;

    @Column(name = "classes_covered")
    public Integer classesCovered;

    public Integer tests;

    public Integer passed;

    public Integer failed;

    public Integer errors;

    public Integer skipped;

    @Column(name = "time_seconds")
    public Double timeSeconds;
}
