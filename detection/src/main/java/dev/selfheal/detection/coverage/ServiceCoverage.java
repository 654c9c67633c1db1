package dev.selfheal.detection.coverage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link CoverageDetector} knows of one service: its latest JaCoCo report per version (reduced to which methods
 * are covered), its traffic, and each handler's calls and verdict. Plain fields, written and read by Jackson as they
 * are: this is the detector's snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class ServiceCoverage {

    String service;
    /** Reports by version, the latest to arrive last. */
    LinkedHashMap<String, Report> reports = new LinkedHashMap<>();
    /** Handlers by name, the least recently called first. */
    LinkedHashMap<String, HandlerUse> handlers = new LinkedHashMap<>();
    Traffic traffic = new Traffic();
    /** Handlers seen without code attributes: they cannot be judged (the most recent ones, bounded). */
    LinkedHashSet<String> withoutCode = new LinkedHashSet<>();
    long callsWithoutCode;
    Map<String, Long> lastRaised = new TreeMap<>();
    LinkedHashSet<String> accepted = new LinkedHashSet<>();

    ServiceCoverage() {
    }

    ServiceCoverage(String service) {
        this.service = service;
    }

    /**
     * A JaCoCo report reduced to what the detector asks of it: per binary class name, per method name, whether any
     * overload of it ran (a span names a method, not its descriptor).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class Report {
        String reportId;
        String version;
        long arrivedMs;
        Map<String, Map<String, Boolean>> covered = new TreeMap<>();

        /**
         * Whether the method is covered. A class the report does not list counts as not covered: JaCoCo lists every
         * class of the code it analysed, executed or not, so a handler's class missing from the service's report
         * was not even part of what its tests measured; there is no evidence of a test. Null when the class is
         * listed but the method is not (renamed or generated code): unknown.
         */
        Boolean covered(String className, String method) {
            Map<String, Boolean> methods = covered.get(className);
            return methods == null ? Boolean.FALSE : methods.get(method);
        }

        boolean lists(String className) {
            return covered.containsKey(className);
        }
    }

    /** One handler's code, verdict and calls. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class HandlerUse {
        String handler;
        String className;
        String method;
        String version;
        /** The report the verdict comes from; calls are counted since it arrived. */
        String reportId;
        /** Covered, uncovered, or null when the report does not know the method. */
        Boolean covered;
        long callsSinceReport;
        long firstCallMs;
        Traffic traffic = new Traffic();
        ArrayDeque<String> examples = new ArrayDeque<>();
    }

    /** A call count decaying exponentially in event time. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    static final class Traffic {
        double calls;
        long atMs;
        long firstMs = -1;

        void add(long nowMs, long halfLifeMs) {
            calls = at(nowMs, halfLifeMs) + 1;
            atMs = Math.max(atMs, nowMs);
            firstMs = firstMs < 0 ? nowMs : firstMs;
        }

        /**
         * Calls per minute: the decayed count over the decayed time it covers, {@code H/ln2 * (1 - 2^(-age/H))}, so
         * the rate is right from the first minutes on instead of creeping up to it over several half-lives.
         */
        double perMinute(long nowMs, long halfLifeMs) {
            double age = Math.max(1, nowMs - firstMs);
            double coveredMs = halfLifeMs / Math.log(2) * (1 - Math.pow(0.5, age / halfLifeMs));
            return at(nowMs, halfLifeMs) / (coveredMs / 60_000.0);
        }

        double at(long nowMs, long halfLifeMs) {
            return nowMs <= atMs ? calls : calls * Math.pow(0.5, (double) (nowMs - atMs) / halfLifeMs);
        }
    }
}
