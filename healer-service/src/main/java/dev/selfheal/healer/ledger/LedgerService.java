package dev.selfheal.healer.ledger;

import dev.selfheal.healing.ledger.SuccessRate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The learning ledger: what became of each fix, success rates with their uncertainty per playbook, capability and
 * service, the time from detection to a verified fix, and whether a playbook may roll out unattended.
 */
@ApplicationScoped
public class LedgerService {

    /** The outcomes read for the ledger's figures: the most recent ones. */
    static final int MAX_OUTCOMES = 20_000;

    private final LedgerConfig config;

    public LedgerService(LedgerConfig config) {
        this.config = config;
    }

    /** Records a fix's outcome inside the caller's transaction; a fix has one outcome, the first one recorded. */
    public Uni<Void> record(String fixId, String playbook, String capability, String service, boolean succeeded,
            Instant detectedAt, Instant rolledOutAt, Instant decidedAt) {
        return FixOutcome.<FixOutcome>findById(fixId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            FixOutcome outcome = new FixOutcome();
            outcome.fixId = fixId;
            outcome.playbook = playbook;
            outcome.capability = capability;
            outcome.service = service;
            outcome.succeeded = succeeded;
            outcome.detectedAt = detectedAt;
            outcome.rolledOutAt = rolledOutAt;
            outcome.decidedAt = decidedAt;
            outcome.secondsToFix = succeeded && detectedAt != null
                    ? Duration.between(detectedAt, decidedAt).toMillis() / 1000.0 : null;
            return outcome.persist().replaceWithVoid();
        });
    }

    /** The success rate of each playbook with outcomes; used inside the caller's session. */
    public Uni<Map<String, SuccessRate>> rates() {
        return outcomes().map(all -> all.stream().collect(Collectors.groupingBy(o -> o.playbook, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), LedgerService::rate))));
    }

    /** Whether a fix of {@code playbook} may roll out without an approver; used inside the caller's session. */
    public Uni<Boolean> unattendedAllowed(String playbook) {
        return PlaybookSetting.<PlaybookSetting>findById(playbook).chain(setting -> {
            if (setting == null || !setting.unattended) {
                return Uni.createFrom().item(false);
            }
            return FixOutcome.<FixOutcome>list("playbook", playbook)
                    .map(outcomes -> rate(outcomes).clears(config.unattendedMinSuccess(), config.unattendedMinOutcomes()));
        });
    }

    /** The whole ledger; {@code known} are the playbooks that exist, listed even before their first outcome. */
    public Uni<LedgerView> ledger(Collection<String> known) {
        return Panache.withSession(() -> outcomes().chain(all -> PlaybookSetting.<PlaybookSetting>listAll()
                .map(settings -> {
                    Map<String, Boolean> enabled = settings.stream()
                            .collect(Collectors.toMap(s -> s.playbook, s -> s.unattended));
                    Set<String> playbooks = new TreeSet<>(known);
                    all.forEach(o -> playbooks.add(o.playbook));
                    Map<String, List<FixOutcome>> byPlaybook = group(all, o -> o.playbook);
                    List<LedgerRow> playbookRows = playbooks.stream().map(p -> {
                        List<FixOutcome> of = byPlaybook.getOrDefault(p, List.of());
                        boolean on = enabled.getOrDefault(p, false);
                        boolean allowed = on && rate(of).clears(config.unattendedMinSuccess(),
                                config.unattendedMinOutcomes());
                        return row(p, of, on, allowed);
                    }).sorted(Comparator.comparingDouble(LedgerRow::successRate).reversed()
                            .thenComparing(LedgerRow::key)).toList();
                    return new LedgerView(SuccessRate.DEFAULT_LEVEL, config.unattendedMinSuccess(),
                            config.unattendedMinOutcomes(), row("all", all, null, null), playbookRows,
                            rows(group(all, o -> o.capability)), rows(group(all, o -> o.service)));
                })));
    }

    /** Allows or stops unattended rollout for a playbook; the operator's name and the time are kept. */
    public Uni<LedgerRow> setUnattended(String playbook, boolean unattended, String actor) {
        return Panache.withTransaction(() -> PlaybookSetting.<PlaybookSetting>findById(playbook).chain(found -> {
            PlaybookSetting setting = found == null ? new PlaybookSetting() : found;
            setting.playbook = playbook;
            setting.unattended = unattended;
            setting.changedBy = actor;
            setting.changedAt = Instant.now();
            return (found == null ? setting.persist() : Uni.createFrom().item(setting))
                    .chain(() -> FixOutcome.<FixOutcome>list("playbook", playbook))
                    .map(of -> row(playbook, of, unattended, unattended
                            && rate(of).clears(config.unattendedMinSuccess(), config.unattendedMinOutcomes())));
        }));
    }

    private static Uni<List<FixOutcome>> outcomes() {
        return FixOutcome.<FixOutcome>findAll(Sort.descending("decidedAt")).page(0, MAX_OUTCOMES).list();
    }

    private static Map<String, List<FixOutcome>> group(List<FixOutcome> all, Function<FixOutcome, String> key) {
        return all.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static List<LedgerRow> rows(Map<String, List<FixOutcome>> groups) {
        return groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue(), null, null))
                .sorted(Comparator.comparingDouble(LedgerRow::successRate).reversed().thenComparing(LedgerRow::key))
                .toList();
    }

    static SuccessRate rate(List<FixOutcome> outcomes) {
        int successes = (int) outcomes.stream().filter(o -> o.succeeded).count();
        return SuccessRate.of(successes, outcomes.size() - successes);
    }

    private static LedgerRow row(String key, List<FixOutcome> outcomes, Boolean enabled, Boolean allowed) {
        SuccessRate rate = rate(outcomes);
        double[] times = outcomes.stream().filter(o -> o.secondsToFix != null).mapToDouble(o -> o.secondsToFix)
                .sorted().toArray();
        return new LedgerRow(key, rate.outcomes(), rate.successes(), rate.failures(), rate.estimate(), rate.low(),
                rate.high(), quantile(times, 0.5), quantile(times, 0.9), enabled, allowed);
    }

    /** The nearest-rank quantile of sorted values, or null without any. */
    private static Double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
