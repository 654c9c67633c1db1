package dev.selfheal.detector.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the detection engine runs inside the service: {@code selfheal.detector.engine.*}. */
@ConfigMapping(prefix = "selfheal.detector.engine")
public interface EngineConfig {

    /** The engine's id: the key of its checkpoint row. One engine (one replica) per deployment. */
    @WithDefault("default")
    String id();

    /** How often the engine's state and the offsets it includes are saved, and the records before them acknowledged. */
    @WithDefault("5s")
    Duration checkpointInterval();

    /**
     * A checkpoint is also taken once this many consumed records wait for one: records are held (and their memory
     * with them) until the checkpoint that includes them acknowledges them, which bounds that memory while a
     * backlog drains faster than the checkpoint interval.
     */
    @WithDefault("20000")
    int maxUnacknowledgedRecords();

    /** How often event time is moved on at wall-clock pace while no event arrives (traces complete, checks run). */
    @WithDefault("1s")
    Duration tickInterval();

    /** A trace is complete once event time passed its last span's end by this much. */
    @WithDefault("5s")
    Duration traceQuietTime();

    /** A log session (records sharing a {@code session.id}) is judged once event time passed its last record by this much. */
    @WithDefault("20s")
    Duration sessionQuietTime();

    /** Traces collected at most at once; beyond it the oldest is judged early. */
    @WithDefault("100000")
    int maxOpenTraces();

    /** A trace with this many spans is judged at once. */
    @WithDefault("2000")
    int maxSpansPerTrace();

    /** After a false-positive verdict, the same fingerprint needs a score this many times the judged one. */
    @WithDefault("1.5")
    double falsePositiveScoreFactor();
}
