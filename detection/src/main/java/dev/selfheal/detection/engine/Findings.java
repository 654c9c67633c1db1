package dev.selfheal.detection.engine;

/** Where detectors put what they find. */
@FunctionalInterface
public interface Findings {

    void raise(Finding finding);
}
