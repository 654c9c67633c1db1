package dev.selfheal.telemetry.logs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class LogTemplateRepository implements PanacheRepositoryBase<StoredLogTemplate, StoredLogTemplate.Key> {

    private static final String UPSERT = """
            insert into %s.log_template as t (service, template_id, template, count, first_seen, last_seen)
            values (:service, :id, :template, :count, :seen, :seen)
            on conflict (service, template_id) do update
            set count = t.count + excluded.count,
                last_seen = greatest(t.last_seen, excluded.last_seen)
            """;

    /** Native SQL is not qualified by Hibernate's default schema, so the statement names it. */
    private final String upsert;

    public LogTemplateRepository(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.upsert = UPSERT.formatted(schema);
    }

    /**
     * Adds a batch's records to their templates' counts, creating the templates not seen before; one statement
     * per distinct template of the batch. Call inside a transaction.
     */
    public Uni<Void> count(String service, List<MinedRecord> records, Instant seen) {
        Map<String, MinedRecord> first = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (MinedRecord record : records) {
            first.putIfAbsent(record.templateId(), record);
            counts.merge(record.templateId(), 1L, Long::sum);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            String template = first.get(entry.getKey()).template();
            chain = chain.chain(() -> getSession().chain(session -> session.createNativeQuery(upsert)
                    .setParameter("service", service)
                    .setParameter("id", entry.getKey())
                    .setParameter("template", template)
                    .setParameter("count", entry.getValue())
                    .setParameter("seen", seen)
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** The service's templates, most frequent first. */
    public Uni<List<StoredLogTemplate>> byService(String service, int limit) {
        return Panache.withSession(() ->
                find("service", Sort.descending("count").and("templateId"), service).page(0, limit).list());
    }
}
