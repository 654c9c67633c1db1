package dev.selfheal.detection;

import dev.selfheal.detection.behaviour.BehaviourDetector;
import dev.selfheal.detection.coverage.CoverageDetector;
import dev.selfheal.detection.dependency.DependencyDetector;
import dev.selfheal.detection.documentation.DocumentationDetector;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.Detector;
import dev.selfheal.detection.engine.EngineSettings;
import dev.selfheal.detection.errors.ErrorDetector;
import dev.selfheal.detection.performance.PerformanceDetector;
import dev.selfheal.detection.state.StateDetector;
import java.util.List;

/**
 * The seven detectors with their one default configuration: what detector-service runs and what the
 * fault-injection evaluation measures.
 */
public final class StandardDetectors {

    private StandardDetectors() {
    }

    /** New detectors, empty, in the order they see each event (one per capability, in the capabilities' order). */
    public static List<Detector> create() {
        return List.of(new PerformanceDetector(), new BehaviourDetector(), new CoverageDetector(), new ErrorDetector(),
                new StateDetector(), new DependencyDetector(), new DocumentationDetector());
    }

    /** An engine running the seven with default engine settings. */
    public static DetectionEngine engine() {
        return new DetectionEngine(create(), EngineSettings.DEFAULTS);
    }
}
