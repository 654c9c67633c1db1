package dev.selfheal.healer.rollout.git;

import java.util.List;

/**
 * A fix's branch as {@link GitPublisher#publish} pushed it.
 *
 * @param service    the service whose repository it went to
 * @param branch     the branch name on the remote
 * @param commitId   the fix commit
 * @param baseCommit the commit it was made on
 * @param remoteUrl  the repository's URL (without credentials)
 * @param paths      the files the commit changed
 */
public record PublishResult(String service, String branch, String commitId, String baseCommit, String remoteUrl,
        List<String> paths) {
}
