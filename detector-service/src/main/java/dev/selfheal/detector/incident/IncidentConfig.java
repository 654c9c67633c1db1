package dev.selfheal.detector.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How findings become incidents: {@code selfheal.detector.incidents.*}. */
@ConfigMapping(prefix = "selfheal.detector.incidents")
public interface IncidentConfig {

    /**
     * An open incident is resolved once no finding joined it for this long in event time; a later finding opens a
     * new incident (and announces it again).
     */
    @WithDefault("2m")
    Duration resolveAfter();

    /** How often quiet incidents are resolved. */
    @WithDefault("5s")
    Duration resolveEvery();
}
