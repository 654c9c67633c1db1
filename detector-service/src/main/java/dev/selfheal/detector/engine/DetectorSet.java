package dev.selfheal.detector.engine;

import dev.selfheal.detection.StandardDetectors;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.EngineSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The seven detectors, each with the detection module's one default configuration (the configuration the
 * evaluations measured), and the engine that runs them. Further detectors can be contributed as CDI beans
 * implementing {@link Detector}; they run after the seven.
 */
@ApplicationScoped
public class DetectorSet {

    private final List<Detector> detectors;

    public DetectorSet(Instance<Detector> contributed) {
        List<Detector> all = new ArrayList<>(standard());
        contributed.forEach(all::add);
        this.detectors = List.copyOf(all);
    }

    /** The seven, in the order they see each event. */
    static List<Detector> standard() {
        return StandardDetectors.create();
    }

    public List<Detector> detectors() {
        return detectors;
    }

    public List<String> names() {
        return detectors.stream().map(Detector::name).toList();
    }

    @Produces
    @Singleton
    DetectionEngine engine(EngineConfig config) {
        return new DetectionEngine(detectors, new EngineSettings(config.traceQuietTime(), config.maxOpenTraces(),
                config.maxSpansPerTrace(), config.falsePositiveScoreFactor(), config.sessionQuietTime()));
    }
}
