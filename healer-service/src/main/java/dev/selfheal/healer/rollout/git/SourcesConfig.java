package dev.selfheal.healer.rollout.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The healed services' source repositories ({@code selfheal.sources."<service>".*}), keyed by the service name
 * anomalies carry. A service without an entry gets runtime fixes only.
 */
@ConfigMapping(prefix = "selfheal.sources")
public interface SourcesConfig {

    /** The repository of each service. */
    @WithParentName
    Map<String, Source> services();

    /** One service's repository. */
    interface Source {

        /** Where to clone from and push to: an https URL, or a path or file: URL for a local repository. */
        String url();

        /** The branch fixes start from and that {@link GitPublisher#checkout} follows. */
        @WithDefault("main")
        String branch();

        /**
         * The user name sent with {@link #token()}; hosts that authenticate by token alone accept any, GitLab
         * wants {@code oauth2}.
         */
        @WithDefault("x-access-token")
        String username();

        /**
         * A token allowed to push branches, from a Secret through the environment
         * ({@code SELFHEAL_SOURCES__<SERVICE>__TOKEN}). Without one, clone and push go unauthenticated.
         */
        Optional<String> token();

        /** A directory of the service's dependency jars, for compile checks of a fix's code and tests. */
        Optional<Path> classpath();
    }
}
