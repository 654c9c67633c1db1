package dev.selfheal.healer.rollout.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** How {@link GitPublisher} keeps its clones and signs its commits ({@code selfheal.git.*}). */
@ConfigMapping(prefix = "selfheal.git")
public interface GitConfig {

    /** The directory holding one clone per service; kept between calls so each later call only fetches. */
    @WithDefault("/tmp/selfheal/sources")
    Path workDir();

    /** The author and committer name of fix commits. */
    @WithDefault("Selfheal")
    String authorName();

    /** The author and committer e-mail of fix commits. */
    @WithDefault("selfheal@localhost")
    String authorEmail();

    /** How long one clone, fetch or push may wait on the remote. */
    @WithDefault("60s")
    Duration timeout();
}
