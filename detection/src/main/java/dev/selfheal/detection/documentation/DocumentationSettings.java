package dev.selfheal.detection.documentation;

import java.time.Duration;

/**
 * The one configuration of {@link DocumentationDetector}, for every service.
 *
 * @param minCalls          an observed server handler the API document does not list is raised once it was called
 *                          this many times since the document arrived (5): one probe or typo is no contract breach
 * @param neverSeenPeriod   a documented operation (or documented flow) is raised as never seen when it was not
 *                          observed for this long while its service (entry) had traffic (1 h): long enough for
 *                          operations used a few times an hour, short enough to be noticed within a working day
 * @param minServiceCalls   "had traffic": at least this many server calls of the service since the document arrived
 *                          (20), so a service that is barely used does not make every operation "never seen"
 * @param latencyWindow     the observed p95 is measured over this much recent event time (5 min)...
 * @param latencyBuckets    ... kept as this many t-digests of equal spans of time (5), dropped as they age out
 * @param minLatencyCalls   a p95 is judged only from this many calls in the window (50): with fewer, one slow call
 *                          moves it
 * @param latencySigmas     the p95 counts as over budget only when the share of calls over budget exceeds 5% by this
 *                          many binomial standard deviations (3): with 60 calls in the window and a true p95 at 75%
 *                          of the budget, three or four calls over it happen every few windows, and the plain sample
 *                          p95 would raise on them
 * @param compression       the t-digests' compression (100: about 1% error at the p95, a few KB each)
 * @param flowWindow        production flows are counted over this much recent event time (10 min)
 * @param flowWindowCap     at most this many traces per entry in the flow window (2,000)
 * @param minFlowTraces     an entry's flows are judged once its window holds this many traces (50), and a
 *                          documented flow counts as never observed only while the window holds as many
 * @param minFlowShare      an undocumented flow is raised when it is at least this share of its entry's traces in
 *                          the window (0.20): a common path the documentation misses, not an odd trace
 * @param budgetMargin      after a person judged a latency-budget finding a false positive, the budget used for that
 *                          operation becomes the judged p95 times this (1.10), so ordinary jitter around it is quiet
 * @param maxServices       services kept (500), the least recently seen forgotten first
 * @param maxHandlers       undocumented handlers and entries kept per service (500 each)
 * @param minRaiseInterval  the same finding is raised at most once per this much event time (1 s); time-based
 *                          checks (never seen) run at this pace too
 * @param maxExamples       example trace ids per finding (5)
 */
public record DocumentationSettings(int minCalls, Duration neverSeenPeriod, int minServiceCalls,
        Duration latencyWindow, int latencyBuckets, int minLatencyCalls, double latencySigmas, double compression, Duration flowWindow,
        int flowWindowCap, int minFlowTraces, double minFlowShare, double budgetMargin, int maxServices,
        int maxHandlers, Duration minRaiseInterval, int maxExamples) {

    public static final DocumentationSettings DEFAULTS = new DocumentationSettings(5, Duration.ofHours(1), 20,
            Duration.ofMinutes(5), 5, 50, 3.0, 100, Duration.ofMinutes(10), 2_000, 50, 0.20, 1.10, 500, 500,
            Duration.ofSeconds(1), 5);

    public DocumentationSettings {
        if (minCalls < 1 || latencyBuckets < 1 || minLatencyCalls < 1 || flowWindowCap < 1 || minFlowTraces < 1
                || minFlowShare <= 0 || minFlowShare > 1 || budgetMargin < 1 || maxServices < 1 || maxHandlers < 1
                || maxExamples < 1) {
            throw new IllegalArgumentException("invalid documentation settings");
        }
    }
}
