package dev.selfheal.healer.rollout.git;

/**
 * The repository could not be reached or read (network, credentials, disk). For a push the outcome is unknown: the
 * branch may exist on the remote.
 */
public class SourceRepositoryException extends RuntimeException {

    public SourceRepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
