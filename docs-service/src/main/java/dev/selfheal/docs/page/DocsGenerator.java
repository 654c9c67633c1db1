package dev.selfheal.docs.page;

import dev.selfheal.docs.fix.FixState;
import dev.selfheal.docs.observation.HandlerStats;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Writes a service's documentation from what was observed of it and the fixes it received. */
public final class DocsGenerator {

    private DocsGenerator() {
    }

    /**
     * The documentation of {@code service}.
     *
     * @param handlers what was observed per handler, in any order
     * @param fixes    every fix known for the service, whatever its state; only applied ones are documented
     */
    public static DocPage generate(String service, int version, Instant generatedAt, List<HandlerStats> handlers,
            List<FixState> fixes) {
        List<HandlerDoc> handlerDocs = handlers.stream()
                .sorted(Comparator.comparing(HandlerStats::handler))
                .map(DocsGenerator::handler)
                .toList();
        List<FixDoc> fixDocs = fixes.stream()
                .filter(f -> service.equals(f.service()))
                .filter(FixState::applied)
                .sorted(Comparator.comparing(FixState::appliedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(FixState::fixId))
                .map(DocsGenerator::fix)
                .toList();
        return new DocPage(service, version, generatedAt, handlerDocs, fixDocs);
    }

    private static HandlerDoc handler(HandlerStats s) {
        double errorRate = s.calls() == 0 ? 0.0 : (double) s.errors() / s.calls();
        return new HandlerDoc(s.handler(), s.calls(), s.errors(), errorRate, s.p50Ms(), s.p95Ms(), s.p99Ms(),
                s.versions(), s.firstSeen(), s.lastSeen());
    }

    private static FixDoc fix(FixState f) {
        return new FixDoc(f.fixId(), f.title(), f.status().name(), f.playbook(), f.handler(), f.capability(),
                f.approvedBy(), f.appliedAt(), f.diagnosis(), f.note());
    }
}
