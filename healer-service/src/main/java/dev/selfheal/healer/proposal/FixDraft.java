package dev.selfheal.healer.proposal;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.playbook.FixPlan;
import java.util.List;

/**
 * A proposal ready to be stored: the diagnosis, the chosen plan, its validation, the alternatives it was ranked
 * against, and what approval it needs.
 *
 * @param anomaly           the anomaly answered
 * @param diagnosis         the ranked root causes
 * @param plan              the plan chosen: the best-ranked applicable playbook
 * @param checks            the validation's results, in the order run
 * @param alternatives      the other applicable plans, best first
 * @param sourceCommit      the repository commit the code artifacts were made against; null without a repository
 * @param approvalsRequired distinct approvers needed: two for a high-risk plan
 * @param unattended        the ledger allows the plan's playbook to roll out without an approver
 */
public record FixDraft(AnomalyDetected anomaly, Diagnosis diagnosis, FixPlan plan, List<Check> checks,
        List<Alternative> alternatives, String sourceCommit, int approvalsRequired, boolean unattended) {

    /** One validation check's result. */
    public record Check(String check, String status, String detail) {

        public static final String PASSED = "PASSED";
        public static final String FAILED = "FAILED";
        public static final String SKIPPED = "SKIPPED";

        public boolean failed() {
            return FAILED.equals(status);
        }
    }

    /** Another plan that applied, and how it ranked. */
    public record Alternative(String playbook, String title, String risk, double rank) {
    }

    public FixDraft {
        checks = checks == null ? List.of() : List.copyOf(checks);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
