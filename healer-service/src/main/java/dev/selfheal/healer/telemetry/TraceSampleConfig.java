package dev.selfheal.healer.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Which traces a diagnosis reads from telemetry-service ({@code selfheal.diagnosis.*}). */
@ConfigMapping(prefix = "selfheal.diagnosis")
public interface TraceSampleConfig {

    /** The most traces read for each side, observed and baseline. */
    @WithDefault("20")
    int traces();

    /**
     * Observed traces are the example traces, then the handler's traces this long from the problem's onset (the
     * detector's, in event time; without one, the last stretch this long before the announcement).
     */
    @WithDefault("1m")
    Duration observedWindow();

    /** The baseline ends this long before the onset, so that it holds none of the problem's traces. */
    @WithDefault("30s")
    Duration baselineGap();

    /** The baseline's length. */
    @WithDefault("30m")
    Duration baselineWindow();

    /** Traces read from telemetry-service at once. */
    @WithDefault("4")
    int concurrency();
}
