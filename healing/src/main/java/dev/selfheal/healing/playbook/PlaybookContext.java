package dev.selfheal.healing.playbook;

import dev.selfheal.healing.code.SourceTree;
import dev.selfheal.healing.diagnosis.TraceSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a playbook may use besides the diagnosis.
 *
 * @param sourceTree       the service's checked-out repository, or null when none is available
 * @param traces           the traces the diagnosis read (their server spans are the recorded calls tests replay)
 * @param deployment       the service's Kubernetes deployment, or null to use the service's name
 * @param currentReplicas  its replica count now, or null when not known
 * @param maxAddedReplicas the most replicas a scale-out may add
 */
public record PlaybookContext(Path sourceTree, TraceSample traces, String deployment, Integer currentReplicas,
        int maxAddedReplicas) {

    public PlaybookContext {
        traces = traces == null ? TraceSample.NONE : traces;
        if (maxAddedReplicas < 0) {
            throw new IllegalArgumentException("maxAddedReplicas cannot be negative");
        }
    }

    /** A context with traces only: no source, no deployment facts, at most two added replicas. */
    public static PlaybookContext of(TraceSample traces) {
        return new PlaybookContext(null, traces, null, null, 2);
    }

    /** The source tree, when the directory exists. */
    public Optional<SourceTree> tree() {
        return sourceTree != null && Files.isDirectory(sourceTree) ? Optional.of(SourceTree.of(sourceTree))
                : Optional.empty();
    }

    /** The deployment to act on: the one given, else the service's name. */
    public String deploymentOr(String service) {
        return deployment != null && !deployment.isBlank() ? deployment : service;
    }
}
