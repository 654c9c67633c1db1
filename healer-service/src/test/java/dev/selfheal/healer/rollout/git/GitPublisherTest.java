package dev.selfheal.healer.rollout.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.healing.playbook.Artifact;
import dev.selfheal.healing.playbook.Artifact.Kind;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitPublisher against a local bare repository holding a small Java project, configured by its real keys. */
class GitPublisherTest {

    private static final String CHECKOUT_JAVA = "src/main/java/shop/Checkout.java";
    private static final String ORIGINAL = """
            package shop;

            public class Checkout {

                public int total(int[] prices) {
                    int sum = 0;
                    for (int price : prices) {
                        sum += price;
                    }
                    return sum;
                }
            }
            """;
    /** What java-diff-utils writes: plain file names, no {@code diff --git} header. */
    private static final String NULL_GUARD = """
            --- src/main/java/shop/Checkout.java
            +++ src/main/java/shop/Checkout.java
            @@ -3,6 +3,9 @@
             public class Checkout {
             
                 public int total(int[] prices) {
            +        if (prices == null) {
            +            return 0;
            +        }
                     int sum = 0;
                     for (int price : prices) {
                         sum += price;
            """;

    @TempDir
    Path temp;

    private String url;
    private Git origin;
    private Git seed;
    private GitPublisher publisher;

    @BeforeEach
    void repository() throws Exception {
        Path bare = temp.resolve("checkout.git");
        url = bare.toUri().toString();
        origin = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call();
        seed = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(temp.resolve("seed").toFile())
                .call();
        write("pom.xml", "<project><artifactId>checkout</artifactId></project>\n");
        write(CHECKOUT_JAVA, ORIGINAL);
        commitAndPush("checkout 1.0");

        SmallRyeConfig config = config(Map.of(
                "selfheal.sources.\"checkout\".url", url,
                "selfheal.sources.\"checkout\".classpath", "/opt/checkout/lib",
                "selfheal.git.work-dir", temp.resolve("work").toString()));
        publisher = new GitPublisher(config.getConfigMapping(SourcesConfig.class),
                config.getConfigMapping(GitConfig.class));
    }

    @AfterEach
    void close() {
        origin.close();
        seed.close();
    }

    @Test
    void sourcesAreConfiguredPerServiceWithDefaults() {
        SmallRyeConfig config = config(Map.of("selfheal.sources.\"checkout\".url", "https://x/y.git",
                "selfheal.sources.\"checkout\".token", "secret"));

        SourcesConfig.Source source = config.getConfigMapping(SourcesConfig.class).services().get("checkout");
        assertThat(source.branch()).isEqualTo("main");
        assertThat(source.username()).isEqualTo("x-access-token");
        assertThat(source.token()).contains("secret");
        assertThat(source.classpath()).isEmpty();
        GitConfig git = config.getConfigMapping(GitConfig.class);
        assertThat(git.authorName() + " <" + git.authorEmail() + ">").isEqualTo("Selfheal <selfheal@localhost>");
        assertThat(git.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void checkoutClonesOnceThenFollowsTheBranchAndDiscardsEdits() throws Exception {
        Path tree = publisher.checkout("checkout").orElseThrow();
        assertThat(Files.readString(tree.resolve(CHECKOUT_JAVA))).isEqualTo(ORIGINAL);
        Files.writeString(tree.resolve(CHECKOUT_JAVA), "edited by a playbook");
        Files.writeString(tree.resolve("Scratch.java"), "left behind");

        write("README.md", "# checkout\n");
        commitAndPush("a readme");
        Path again = publisher.checkout("checkout").orElseThrow();

        assertThat(again).isEqualTo(tree);
        assertThat(Files.readString(again.resolve(CHECKOUT_JAVA))).isEqualTo(ORIGINAL);
        assertThat(again.resolve("README.md")).hasContent("# checkout");
        assertThat(again.resolve("Scratch.java")).doesNotExist();
        assertThat(publisher.checkout("catalog")).isEmpty();
    }

    @Test
    void publishPushesABranchWithThePatchTheTestAndTheDocNote() throws Exception {
        String base = head();
        PublishResult result = publisher.publish("checkout", "selfheal/fix-42", base, List.of(
                new Artifact(Kind.CODE_DIFF, CHECKOUT_JAVA, NULL_GUARD, "null guard"),
                new Artifact(Kind.TEST, "src/test/java/shop/CheckoutFix42Test.java", "class CheckoutFix42Test {}\n",
                        "reproduces it"),
                new Artifact(Kind.DOC_NOTE, "docs/fixes/fix-42.md", "# Null prices\n", "why")),
                "Guard Checkout.total against null prices\n\nFix 42.");

        assertThat(result.branch()).isEqualTo("selfheal/fix-42");
        assertThat(result.baseCommit()).isEqualTo(base);
        assertThat(result.remoteUrl()).isEqualTo(url);
        assertThat(result.paths()).containsExactly(CHECKOUT_JAVA, "src/test/java/shop/CheckoutFix42Test.java",
                "docs/fixes/fix-42.md");
        Repository remote = origin.getRepository();
        ObjectId pushed = remote.resolve("refs/heads/selfheal/fix-42");
        assertThat(pushed.name()).isEqualTo(result.commitId());
        try (RevWalk walk = new RevWalk(remote)) {
            RevCommit commit = walk.parseCommit(pushed);
            assertThat(commit.getParent(0).name()).isEqualTo(base);
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("Selfheal");
            assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("selfheal@localhost");
            assertThat(commit.getShortMessage()).isEqualTo("Guard Checkout.total against null prices");
            assertThat(file(remote, commit, CHECKOUT_JAVA))
                    .contains("        if (prices == null) {\n            return 0;\n        }\n        int sum = 0;");
            assertThat(file(remote, commit, "src/test/java/shop/CheckoutFix42Test.java"))
                    .isEqualTo("class CheckoutFix42Test {}\n");
            assertThat(file(remote, commit, "docs/fixes/fix-42.md")).isEqualTo("# Null prices\n");
            assertThat(file(remote, commit, "pom.xml")).contains("<artifactId>checkout</artifactId>");
        }
        assertThat(remote.resolve("refs/heads/main").name()).isEqualTo(base);
    }

    @Test
    void publishStartsFromTheBaseTheArtifactsWereMadeAgainstAndReadsGitDiffs() throws Exception {
        String base = head();
        write(CHECKOUT_JAVA, ORIGINAL.replace("public class Checkout {", "public final class Checkout {"));
        commitAndPush("final");
        String gitDiff = "diff --git a/" + CHECKOUT_JAVA + " b/" + CHECKOUT_JAVA + "\n"
                + NULL_GUARD.replace("--- src/", "--- a/src/").replace("+++ src/", "+++ b/src/");

        PublishResult result = publisher.publish("checkout", "selfheal/fix-43", base,
                List.of(new Artifact(Kind.CODE_DIFF, CHECKOUT_JAVA, gitDiff, "null guard")), "null guard");

        try (RevWalk walk = new RevWalk(origin.getRepository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(result.commitId()));
            assertThat(commit.getParent(0).name()).isEqualTo(base);
            assertThat(file(origin.getRepository(), commit, CHECKOUT_JAVA)).contains("public class Checkout {")
                    .contains("if (prices == null)");
        }
    }

    @Test
    void aDiffThatDoesNotApplyFailsWithoutPushingAnything() throws Exception {
        String stale = NULL_GUARD.replace(" public class Checkout {", " public class Basket {");

        assertThatThrownBy(() -> publisher.publish("checkout", "selfheal/fix-44", null, List.of(
                new Artifact(Kind.CODE_DIFF, CHECKOUT_JAVA, stale, "null guard"),
                new Artifact(Kind.DOC_NOTE, "docs/fixes/fix-44.md", "# note\n", "why")), "null guard"))
                .isInstanceOf(PublishException.class)
                .hasMessageStartingWith("the diff for " + CHECKOUT_JAVA + " does not apply");

        assertThat(origin.getRepository().getRefDatabase().getRefsByPrefix("refs/heads/"))
                .extracting(r -> r.getName()).containsExactly("refs/heads/main");
        assertThatThrownBy(() -> publisher.publish("checkout", "selfheal/fix-44", "0123456789abcdef", List.of(),
                "x")).isInstanceOf(PublishException.class).hasMessageContaining("is not in");
        assertThatThrownBy(() -> publisher.publish("catalog", "selfheal/fix-44", null, List.of(), "x"))
                .isInstanceOf(PublishException.class).hasMessageContaining("selfheal.sources.\"catalog\".url");
    }

    @Test
    void deleteBranchRemovesAPublishedFix() throws Exception {
        publisher.publish("checkout", "selfheal/fix-45", null,
                List.of(new Artifact(Kind.DOC_NOTE, "docs/fixes/fix-45.md", "# note\n", "why")), "note");
        assertThat(origin.getRepository().resolve("refs/heads/selfheal/fix-45")).isNotNull();

        assertThat(publisher.deleteBranch("checkout", "selfheal/fix-45")).isTrue();

        assertThat(origin.getRepository().resolve("refs/heads/selfheal/fix-45")).isNull();
        assertThat(publisher.deleteBranch("checkout", "selfheal/fix-45")).isFalse();
    }

    /** The mappings as Quarkus builds them, with its duration format ({@code 60s}). */
    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SourcesConfig.class).withMapping(GitConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    private void write(String path, String content) throws IOException {
        Path file = seed.getRepository().getWorkTree().toPath().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void commitAndPush(String message) throws GitAPIException {
        seed.add().addFilepattern(".").call();
        seed.commit().setMessage(message).setAuthor("Dev", "dev@example.com").setCommitter("Dev", "dev@example.com")
                .call();
        // A clone of an empty repository starts on JGit's default branch, whatever the origin's HEAD names.
        seed.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
    }

    private String head() throws IOException {
        return origin.getRepository().resolve("refs/heads/main").name();
    }

    private static String file(Repository repo, RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            assertThat(walk).as(path + " in " + commit.name()).isNotNull();
            return new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
