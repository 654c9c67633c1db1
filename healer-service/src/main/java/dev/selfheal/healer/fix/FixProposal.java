package dev.selfheal.healer.fix;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.healing.playbook.Risk;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A fix the healer proposed for one anomaly, and the state it is in. */
@Entity
@Table(name = "fix_proposal")
public class FixProposal extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "anomaly_id")
    public String anomalyId;

    @Enumerated(EnumType.STRING)
    public Capability capability;

    public String service;

    @Column(name = "service_version")
    public String serviceVersion;

    public String handler;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    public double score;

    @Column(name = "anomaly_summary")
    public String anomalySummary;

    @Column(name = "detected_at")
    public Instant detectedAt;

    @Convert(converter = EvidenceConverter.class)
    public Evidence evidence;

    public String playbook;

    public String title;

    public String diagnosis;

    @Column(name = "action_type")
    public String actionType;

    @Column(name = "action_target_kind")
    public String actionTargetKind;

    @Column(name = "action_target")
    public String actionTarget;

    @Convert(converter = StringMapConverter.class)
    @Column(name = "action_parameters")
    public Map<String, String> actionParameters;

    @Column(name = "action_description")
    public String actionDescription;

    @Enumerated(EnumType.STRING)
    public FixStatus status;

    @Column(name = "incident_id")
    public String incidentId;

    public String signature;

    @Enumerated(EnumType.STRING)
    public Risk risk;

    /** What the fix changes and why it should help. */
    @Column(name = "change_description")
    public String change;

    /** JSON: the diagnosis's ranked root-cause candidates. */
    public String candidates;

    /** JSON: the runtime actions, in order. */
    public String actions;

    /** JSON: the checks planned before and after rollout, one line each. */
    @Column(name = "validation_plan")
    public String validationPlan;

    /** JSON: each validation check's result. */
    public String validation;

    /** JSON: the other playbooks that applied, ranked. */
    public String alternatives;

    /** The commit of the service's repository the code artifacts were made against. */
    @Column(name = "source_commit")
    public String sourceCommit;

    /** How many distinct approvers must approve: two for high-risk fixes. */
    @Column(name = "approvals_required")
    public int approvalsRequired;

    /** After this the proposal is stale and expires unless decided. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Approved by the ledger rather than a person: an operator enabled the playbook and it clears the bar. */
    public boolean unattended;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
