package dev.selfheal.docs.page;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class DocVersionRepository implements PanacheRepositoryBase<DocVersion, DocVersion.Key> {

    private static final String SUMMARY = "v.service, v.version, v.generatedAt, v.triggeredBy, v.handlerCount, v.fixCount";

    public Uni<DocVersion> latest(String service) {
        return find("service = ?1 order by version desc", service).firstResult();
    }

    public Uni<DocVersion> version(String service, int version) {
        return findById(new DocVersion.Key(service, version));
    }

    /** The latest version of every documented service, by service name; the page bodies are left unread. */
    public Uni<List<DocsIndexEntry>> index() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select " + SUMMARY + " from DocVersion v, DocumentedService d "
                                + "where v.service = d.service and v.version = d.latestVersion order by v.service",
                        Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(DocVersionRepository::entry).toList());
    }

    /** The latest version of every documented service, by service name, with its Markdown. */
    public Uni<List<DocVersion>> latestAll() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select v from DocVersion v, DocumentedService d "
                                + "where v.service = d.service and v.version = d.latestVersion order by v.service",
                        DocVersion.class)
                .getResultList());
    }

    /** Every version of the service, newest first; the page bodies are left unread. */
    public Uni<List<DocsIndexEntry>> history(String service) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select " + SUMMARY + " from DocVersion v where v.service = :service order by v.version desc",
                        Object[].class)
                .setParameter("service", service)
                .getResultList())
                .map(rows -> rows.stream().map(DocVersionRepository::entry).toList());
    }

    private static DocsIndexEntry entry(Object[] r) {
        return new DocsIndexEntry((String) r[0], ((Number) r[1]).intValue(), (Instant) r[2], (String) r[3],
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue());
    }
}
