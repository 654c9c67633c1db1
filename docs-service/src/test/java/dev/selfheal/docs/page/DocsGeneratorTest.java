package dev.selfheal.docs.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.docs.fix.FixState;
import dev.selfheal.docs.observation.HandlerStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocsGeneratorTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static HandlerStats stats(String handler, long calls, long errors, double p50) {
        return new HandlerStats(handler, calls, errors, p50, p50 * 3, p50 * 5, List.of("1.0.0", "1.1.0"),
                NOW.minusSeconds(3600), NOW.minusSeconds(5));
    }

    static FixState fix(String id, FixStatus status, Instant rolledOut) {
        return new FixState(id, "checkout", "POST /orders", "PERFORMANCE", "anomaly-" + id, status,
                rolledOut == null ? NOW.minusSeconds(600) : rolledOut.plusSeconds(60), "Title of " + id,
                "Diagnosis of " + id, "performance.rollback-version", status == FixStatus.PENDING_APPROVAL ? null : "alice",
                NOW.minusSeconds(900), rolledOut);
    }

    @Test
    void handlersAreListedByNameWithTheirFiguresAndErrorRate() {
        DocPage page = DocsGenerator.generate("checkout", 3, NOW,
                List.of(stats("POST /orders", 200, 5, 40.0), stats("GET /cart", 50, 0, 4.0)), List.of());

        assertThat(page.service()).isEqualTo("checkout");
        assertThat(page.version()).isEqualTo(3);
        assertThat(page.generatedAt()).isEqualTo(NOW);
        assertThat(page.handlers()).extracting(HandlerDoc::handler).containsExactly("GET /cart", "POST /orders");
        HandlerDoc orders = page.handlers().get(1);
        assertThat(orders.calls()).isEqualTo(200);
        assertThat(orders.errors()).isEqualTo(5);
        assertThat(orders.errorRate()).isCloseTo(0.025, within(1e-12));
        assertThat(orders.p50Ms()).isEqualTo(40.0);
        assertThat(orders.p95Ms()).isEqualTo(120.0);
        assertThat(orders.p99Ms()).isEqualTo(200.0);
        assertThat(orders.versions()).containsExactly("1.0.0", "1.1.0");
        assertThat(page.handlers().get(0).errorRate()).isZero();
    }

    @Test
    void onlyRolledOutOrVerifiedFixesAreDocumentedNewestFirst() {
        List<FixState> fixes = List.of(
                fix("older", FixStatus.VERIFIED, NOW.minusSeconds(7200)),
                fix("pending", FixStatus.PENDING_APPROVAL, null),
                fix("newer", FixStatus.ROLLED_OUT, NOW.minusSeconds(300)),
                fix("rolled-back", FixStatus.ROLLED_BACK, NOW.minusSeconds(100)),
                fix("approved", FixStatus.APPROVED, null));

        DocPage page = DocsGenerator.generate("checkout", 1, NOW, List.of(), fixes);

        assertThat(page.fixes()).extracting(FixDoc::fixId).containsExactly("newer", "older");
        FixDoc newer = page.fixes().get(0);
        assertThat(newer.status()).isEqualTo("ROLLED_OUT");
        assertThat(newer.title()).isEqualTo("Title of newer");
        assertThat(newer.playbook()).isEqualTo("performance.rollback-version");
        assertThat(newer.handler()).isEqualTo("POST /orders");
        assertThat(newer.approvedBy()).isEqualTo("alice");
        assertThat(newer.at()).isEqualTo(NOW.minusSeconds(300));
        assertThat(newer.diagnosis()).isEqualTo("Diagnosis of newer");
        assertThat(page.fixes().get(1).status()).isEqualTo("VERIFIED");
    }

    @Test
    void fixesOfOtherServicesAreNotDocumentedHere() {
        FixState elsewhere = new FixState("x", "billing", null, null, null, FixStatus.ROLLED_OUT, NOW, "t", null, null,
                null, null, NOW);
        assertThat(DocsGenerator.generate("checkout", 1, NOW, List.of(), List.of(elsewhere)).fixes()).isEmpty();
    }

    @Test
    void aServiceWithNothingObservedStillGetsAPage() {
        DocPage page = DocsGenerator.generate("quiet", 1, NOW, List.of(), List.of());
        assertThat(page.handlers()).isEmpty();
        assertThat(page.fixes()).isEmpty();
    }
}
