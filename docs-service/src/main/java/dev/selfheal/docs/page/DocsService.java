package dev.selfheal.docs.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.docs.fix.FixRepository;
import dev.selfheal.docs.messaging.DocsPublisher;
import dev.selfheal.docs.observation.ExecutionRepository;
import dev.selfheal.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Regenerates services' documentation when their model changed, stores each regeneration as a new version,
 * announces it on {@code selfheal.docs.v1}, and reads the stored versions back.
 */
@ApplicationScoped
public class DocsService {

    public static final String TRIGGER_FIX = "fix";
    public static final String TRIGGER_TELEMETRY = "telemetry";

    private static final Logger LOG = Logger.getLogger(DocsService.class);

    private final DocumentedServiceRepository documented;
    private final DocVersionRepository versions;
    private final ExecutionRepository executions;
    private final FixRepository fixes;
    private final DocsPublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final AtomicLong documentedServices = new AtomicLong();

    public DocsService(DocumentedServiceRepository documented, DocVersionRepository versions,
            ExecutionRepository executions, FixRepository fixes, DocsPublisher publisher, ObjectMapper json,
            MeterRegistry registry) {
        this.documented = documented;
        this.versions = versions;
        this.executions = executions;
        this.fixes = fixes;
        this.publisher = publisher;
        this.json = json;
        this.registry = registry;
        registry.gauge("selfheal.docs.services", documentedServices);
    }

    /**
     * Writes a new version of the service's documentation if its telemetry or fixes changed since the latest
     * one, then publishes DocsRegenerated. The version is committed before it is announced, so a consumer that
     * reacts to the event can always read it.
     *
     * @return the announcement, or empty when the documentation was already up to date
     */
    public Uni<Optional<DocsRegenerated>> regenerateIfChanged(String service) {
        return Panache.withTransaction(() -> documented.lock(service).chain(state -> {
                    if (state == null || !state.changed()) {
                        return Uni.createFrom().item(Optional.<DocsRegenerated>empty());
                    }
                    return executions.statsOf(service)
                            .chain(stats -> fixes.ofService(service).chain(known -> store(state,
                                    DocsGenerator.generate(service, state.latestVersion + 1,
                                            Instant.now().truncatedTo(ChronoUnit.MILLIS), stats, known))))
                            .map(Optional::of);
                }))
                .invoke(done -> done.ifPresent(this::count))
                .call(done -> done.map(publisher::publish).orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * Regenerates, one after the other, every service whose documentation is behind its model. A service that
     * fails is logged and left for the next round.
     *
     * @return how many services got a new version
     */
    public Uni<Integer> regenerateChanged() {
        return Panache.withSession(documented::changed)
                .chain(services -> Multi.createFrom().iterable(services)
                        .onItem().transformToUniAndConcatenate(service -> regenerateIfChanged(service)
                                .onFailure().invoke(e -> LOG.warnf("regenerating the docs of %s failed: %s", service, e))
                                .onFailure().recoverWithItem(Optional.empty()))
                        .filter(Optional::isPresent)
                        .collect().asList())
                .map(List::size)
                .call(() -> Panache.withSession(documented::documentedCount).invoke(documentedServices::set));
    }

    @WithSession
    public Uni<List<DocsIndexEntry>> index() {
        return versions.index();
    }

    @WithSession
    public Uni<DocPage> latest(String service) {
        return versions.latest(service).map(v -> page(found(v, service)));
    }

    @WithSession
    public Uni<String> latestMarkdown(String service) {
        return versions.latest(service).map(v -> found(v, service).markdown);
    }

    @WithSession
    public Uni<DocPage> version(String service, int version) {
        return versions.version(service, version).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("the documentation of service '" + service + "' has no version " + version);
            }
            return page(v);
        });
    }

    /**
     * Every service's latest documentation as a zip: an {@code index.md} linking them, and one Markdown file per
     * service, so a team can keep the documentation beside its code or read it offline.
     */
    @WithSession
    public Uni<byte[]> export() {
        return versions.latestAll().map(DocsExport::zip);
    }

    @WithSession
    public Uni<DocsDiff> diff(String service, int from, int to) {
        return versions.version(service, from).chain(older -> versions.version(service, to).map(newer -> {
            if (older == null || newer == null) {
                throw ProblemException.notFound("the documentation of service '" + service + "' has no version "
                        + (older == null ? from : to));
            }
            return DocsDiff.of(service, from, older.markdown, to, newer.markdown);
        }));
    }

    @WithSession
    public Uni<List<DocsIndexEntry>> history(String service) {
        return versions.history(service).map(found -> {
            if (found.isEmpty()) {
                throw notDocumented(service);
            }
            return found;
        });
    }

    private Uni<DocsRegenerated> store(DocumentedService state, DocPage page) {
        String trigger = state.fixesChanged() ? TRIGGER_FIX : TRIGGER_TELEMETRY;
        DocVersion v = new DocVersion();
        v.service = page.service();
        v.version = page.version();
        v.generatedAt = page.generatedAt();
        v.triggeredBy = trigger;
        v.handlerCount = page.handlers().size();
        v.fixCount = page.fixes().size();
        v.page = write(page);
        v.markdown = MarkdownRenderer.render(page);
        state.latestVersion = page.version();
        state.latestGeneratedAt = page.generatedAt();
        state.documentedTelemetryChanges = state.telemetryChanges;
        state.documentedFixChanges = state.fixChanges;
        List<String> fixIds = page.fixes().stream().map(FixDoc::fixId).toList();
        return versions.persist(v).replaceWith(new DocsRegenerated(page.service(), page.version(),
                page.generatedAt(), trigger, fixIds, page.handlers().size()));
    }

    private void count(DocsRegenerated event) {
        registry.counter("selfheal.docs.regenerations", "trigger", event.trigger()).increment();
        if (event.docVersion() == 1) {
            documentedServices.incrementAndGet();
        }
        LOG.infof("documentation of %s regenerated: version %d (%s)", event.service(), event.docVersion(), event.trigger());
    }

    private static DocVersion found(DocVersion v, String service) {
        if (v == null) {
            throw notDocumented(service);
        }
        return v;
    }

    private static ProblemException notDocumented(String service) {
        return ProblemException.notFound("no documentation exists for service '" + service + "'");
    }

    private String write(DocPage page) {
        try {
            return json.writeValueAsString(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the documentation of " + page.service() + " cannot be written as JSON", e);
        }
    }

    private DocPage page(DocVersion v) {
        try {
            return json.readValue(v.page, DocPage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored documentation " + v.service + " v" + v.version + " is not readable", e);
        }
    }
}
