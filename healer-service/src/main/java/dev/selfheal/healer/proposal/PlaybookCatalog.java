package dev.selfheal.healer.proposal;

import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.TraceSample;
import dev.selfheal.healing.playbook.FixPlan;
import dev.selfheal.healing.playbook.Playbook;
import dev.selfheal.healing.playbook.PlaybookContext;
import dev.selfheal.healing.playbook.Playbooks;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

/** The playbooks healer-service proposes fixes from: the standard set, at least one per capability. */
@ApplicationScoped
public class PlaybookCatalog {

    /** The plan proposed when no playbook applies (see ProposalService): a person investigates. */
    public static final String INVESTIGATE = "investigate";

    private final Playbooks playbooks = Playbooks.standard();

    /** Every playbook's name, for the ledger and the operator's settings. */
    public List<String> names() {
        return java.util.stream.Stream.concat(playbooks.all().stream().map(Playbook::name),
                java.util.stream.Stream.of(INVESTIGATE)).toList();
    }

    /**
     * Every plan the applicable playbooks make for a diagnosis. Blocking: a playbook may read and edit the
     * checked-out source.
     *
     * @param source          the service's checked-out repository, or null without one
     * @param currentReplicas the deployment's replicas when known, else null
     * @param maxAddedReplicas the most replicas one fix may add
     */
    public List<FixPlan> plans(Diagnosis diagnosis, TraceSample traces, Path source, Integer currentReplicas,
            int maxAddedReplicas) {
        String service = diagnosis.anomaly().service();
        return playbooks.propose(diagnosis, new PlaybookContext(source, traces, service, currentReplicas,
                maxAddedReplicas));
    }
}
