package dev.selfheal.healer.rollout.git;

import dev.selfheal.healing.playbook.Artifact;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;

/**
 * The healed services' source repositories: a working tree to read and edit, and fix branches pushed for review.
 * Blocking (JGit): call it from a worker thread.
 *
 * <p>Each service has one clone under {@code selfheal.git.work-dir}, made on first use and fetched after. Calls for
 * the same service take turns, since they share that clone. {@link #publish} builds its commit from objects alone
 * (patches applied to trees, never to the working tree), so publishing never disturbs a checkout a playbook is
 * reading, and a diff that does not apply leaves nothing behind.
 */
@ApplicationScoped
public class GitPublisher {

    private final SourcesConfig sources;
    private final GitConfig config;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitPublisher(SourcesConfig sources, GitConfig config) {
        this.sources = sources;
        this.config = config;
    }

    /**
     * A working tree at the head of the service's branch, with any earlier edits discarded, or empty when the
     * service has no configured repository. It stays valid until the next call for the same service.
     *
     * @throws SourceRepositoryException when the repository cannot be cloned or fetched
     */
    public Optional<Path> checkout(String service) {
        SourcesConfig.Source source = sources.services().get(service);
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(locked(service, () -> {
            try (Git git = fetched(service, source)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(remoteBranch(source)).call();
                git.clean().setCleanDirectories(true).setIgnore(false).call();
                return git.getRepository().getWorkTree().toPath();
            }
        }));
    }

    /** Whether a repository is configured for the service. */
    public boolean configured(String service) {
        return sources.services().containsKey(service);
    }

    /** The commit a working tree from {@link #checkout} stands at: what a fix's artifacts are made against. */
    public static String head(Path tree) {
        try (Git git = Git.open(tree.toFile())) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            return head == null ? null : head.name();
        } catch (IOException e) {
            throw new SourceRepositoryException("the working tree " + tree + " cannot be read", e);
        }
    }

    /**
     * The jars of the service's configured classpath directory, for compiling a fix's code and tests; empty when
     * none is configured, and the compile check then only parses.
     */
    public List<Path> classpath(String service) {
        SourcesConfig.Source source = sources.services().get(service);
        if (source == null || source.classpath().isEmpty() || !Files.isDirectory(source.classpath().get())) {
            return List.of();
        }
        try (var files = Files.list(source.classpath().get())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new SourceRepositoryException("the classpath of " + service + " cannot be listed", e);
        }
    }

    /**
     * Commits the artifacts on a new branch and pushes it to the service's repository.
     *
     * @param service       the service
     * @param branchName    the branch to create on the remote, e.g. {@code selfheal/fix-42}; an existing branch
     *                      is only moved forward
     * @param baseCommit    the commit the artifacts were made against, or null for the branch head
     * @param artifacts     CODE_DIFF artifacts are applied as patches, TEST and DOC_NOTE written at their paths
     * @param commitMessage the commit message
     * @throws PublishException          when the fix cannot be published as asked; nothing was pushed
     * @throws SourceRepositoryException when the remote cannot be reached; the push's outcome is unknown
     */
    public PublishResult publish(String service, String branchName, String baseCommit, List<Artifact> artifacts,
            String commitMessage) {
        SourcesConfig.Source source = required(service);
        String ref = Constants.R_HEADS + branchName;
        if (!Repository.isValidRefName(ref)) {
            throw new PublishException("not a valid branch name: " + branchName);
        }
        return locked(service, () -> {
            try (Git git = fetched(service, source)) {
                Repository repo = git.getRepository();
                ObjectId base = repo.resolve((baseCommit == null ? remoteBranch(source) : baseCommit) + "^{commit}");
                if (base == null) {
                    throw new PublishException("commit " + baseCommit + " is not in " + source.url() + " (branch "
                            + source.branch() + " and its history)");
                }
                Set<String> paths = new LinkedHashSet<>();
                ObjectId commit;
                try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                    RevCommit parent = walk.parseCommit(base);
                    ObjectId tree = parent.getTree();
                    for (Artifact diff : artifacts.stream().filter(a -> a.kind() == Artifact.Kind.CODE_DIFF).toList()) {
                        tree = applyDiff(repo, walk, inserter, tree, diff, paths);
                    }
                    List<Artifact> files = artifacts.stream().filter(a -> a.kind() != Artifact.Kind.CODE_DIFF).toList();
                    tree = writeFiles(repo, inserter, tree, files);
                    files.forEach(f -> paths.add(f.path()));
                    if (tree.equals(parent.getTree())) {
                        throw new PublishException("the artifacts change nothing in " + service + " at "
                                + base.name());
                    }
                    PersonIdent ident = new PersonIdent(config.authorName(), config.authorEmail());
                    CommitBuilder builder = new CommitBuilder();
                    builder.setTreeId(tree);
                    builder.setParentId(parent);
                    builder.setAuthor(ident);
                    builder.setCommitter(ident);
                    builder.setMessage(commitMessage);
                    commit = inserter.insert(builder);
                    inserter.flush();
                }
                push(git, source, new RefSpec(commit.name() + ":" + ref), branchName);
                return new PublishResult(service, branchName, commit.name(), base.name(), source.url(),
                        List.copyOf(paths));
            }
        });
    }

    /**
     * Deletes a fix branch from the service's repository, as when a published fix is reverted.
     *
     * @return whether the branch existed
     * @throws PublishException          when the service has no repository or the remote refused
     * @throws SourceRepositoryException when the remote cannot be reached
     */
    public boolean deleteBranch(String service, String branchName) {
        SourcesConfig.Source source = required(service);
        return locked(service, () -> {
            try (Git git = fetched(service, source)) {
                return push(git, source, new RefSpec(":" + Constants.R_HEADS + branchName), branchName)
                        != RemoteRefUpdate.Status.NON_EXISTING;
            }
        });
    }

    /** Applies one diff to the tree, in memory; the diff's own file names give way to the artifact's path. */
    private static ObjectId applyDiff(Repository repo, RevWalk walk, ObjectInserter inserter, ObjectId tree,
            Artifact diff, Set<String> paths) throws IOException {
        Patch patch = new Patch();
        patch.parse(new ByteArrayInputStream(withArtifactPath(diff).getBytes(StandardCharsets.UTF_8)));
        List<String> errors = patch.getErrors().stream().filter(e -> e.getSeverity() == FormatError.Severity.ERROR)
                .map(FormatError::getMessage).toList();
        if (!errors.isEmpty() || patch.getFiles().isEmpty()) {
            throw new PublishException("the diff for " + diff.path() + " is not a unified diff"
                    + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
        }
        PatchApplier.Result result = new PatchApplier(repo, walk.parseTree(tree), inserter).applyPatch(patch);
        if (!result.getErrors().isEmpty()) {
            throw new PublishException("the diff for " + diff.path() + " does not apply: "
                    + result.getErrors().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        paths.addAll(result.getPaths());
        return result.getTreeId();
    }

    /**
     * A diff without git's {@code diff --git} header names its files on the {@code ---}/{@code +++} lines, in
     * whatever form the tool that made it chose; the artifact's path is the authority, so those two lines are
     * rewritten to it (keeping {@code /dev/null} for a created or deleted file). Only lines before the first hunk
     * are touched: a removed line can also start with {@code ---}.
     */
    static String withArtifactPath(Artifact diff) {
        String content = diff.content();
        if (content.startsWith("diff --git ") || content.contains("\ndiff --git ")) {
            return content;
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length && !lines[i].startsWith("@@"); i++) {
            if (lines[i].startsWith("--- ") && !lines[i].startsWith("--- /dev/null")) {
                lines[i] = "--- a/" + diff.path();
            } else if (lines[i].startsWith("+++ ") && !lines[i].startsWith("+++ /dev/null")) {
                lines[i] = "+++ b/" + diff.path();
            }
        }
        return String.join("\n", lines);
    }

    /** Adds or replaces the files in the tree, in memory. */
    private static ObjectId writeFiles(Repository repo, ObjectInserter inserter, ObjectId tree, List<Artifact> files)
            throws IOException {
        if (files.isEmpty()) {
            return tree;
        }
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectReader reader = repo.newObjectReader()) {
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
        }
        builder.finish();
        DirCacheEditor editor = index.editor();
        for (Artifact file : files) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.content().getBytes(StandardCharsets.UTF_8));
            editor.add(new DirCacheEditor.PathEdit(file.path()) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
        }
        editor.finish();
        return index.writeTree(inserter);
    }

    private RemoteRefUpdate.Status push(Git git, SourcesConfig.Source source, RefSpec spec, String branchName)
            throws GitAPIException {
        Iterable<PushResult> results = authenticated(git.push().setRemote(Constants.DEFAULT_REMOTE_NAME)
                .setRefSpecs(spec), source).call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE, NON_EXISTING -> {
                        return update.getStatus();
                    }
                    default -> throw new PublishException(source.url() + " refused branch " + branchName + ": "
                            + update.getStatus() + (update.getMessage() == null ? "" : " " + update.getMessage()));
                }
            }
        }
        throw new PublishException(source.url() + " reported nothing for branch " + branchName);
    }

    /** The service's clone, made on first use (or again if the directory is not a clone of its URL), fetched. */
    private Git fetched(String service, SourcesConfig.Source source) throws IOException, GitAPIException {
        Path dir = config.workDir().resolve(service.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (Files.isDirectory(dir.resolve(".git"))) {
            Git git = Git.open(dir.toFile());
            if (source.url().equals(git.getRepository().getConfig().getString("remote", "origin", "url"))) {
                authenticated(git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setRemoveDeletedRefs(true), source)
                        .call();
                return git;
            }
            git.close();
        }
        if (Files.exists(dir)) {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
        Files.createDirectories(dir.getParent());
        return authenticated(Git.cloneRepository().setURI(source.url()).setDirectory(dir.toFile())
                .setBranch(source.branch()), source).call();
    }

    private <C extends TransportCommand<C, ?>> C authenticated(C command, SourcesConfig.Source source) {
        command.setTimeout((int) Math.max(1, config.timeout().toSeconds()));
        source.token().ifPresent(token -> command.setCredentialsProvider(
                new UsernamePasswordCredentialsProvider(source.username(), token)));
        return command;
    }

    private static String remoteBranch(SourcesConfig.Source source) {
        return Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + source.branch();
    }

    private SourcesConfig.Source required(String service) {
        SourcesConfig.Source source = sources.services().get(service);
        if (source == null) {
            throw new PublishException("no repository configured for " + service + " (selfheal.sources.\""
                    + service + "\".url)");
        }
        return source;
    }

    private <T> T locked(String service, GitWork<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(service, s -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } catch (IOException | GitAPIException e) {
            throw new SourceRepositoryException("the repository of " + service + " could not be reached or read: "
                    + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface GitWork<T> {
        T run() throws IOException, GitAPIException;
    }
}
