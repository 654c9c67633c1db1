package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.evidence.EvidenceRequest;
import dev.selfheal.telemetry.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(TestReportResource.ENDPOINT)
@Tag(name = "Test evidence")
public class TestReportResource {

    public static final String ENDPOINT = "/api/test-reports";
    static final Set<String> XML = Set.of(MediaType.APPLICATION_XML, MediaType.TEXT_XML);
    private static final int MAX_LIMIT = 100;

    private final TestReportService reports;
    private final ReceiptService receipts;

    public TestReportResource(TestReportService reports, ReceiptService receipts) {
        this.reports = reports;
        this.receipts = receipts;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ingest a test report",
            description = "A JaCoCo XML coverage report or a JUnit XML test report (Maven Surefire or Gradle) of one "
                    + "service version, told apart by its root element. Published as TestReportRecorded events (in "
                    + "parts when large) and summarised for GET /api/test-reports. 202 only once stored and "
                    + "acknowledged by Kafka; a resent report keeps its reportId.")
    @APIResponse(responseCode = "202", description = "Stored and published; the receipt",
            content = @Content(schema = @Schema(implementation = TestReportReceipt.class)))
    @APIResponse(responseCode = "400", description = "No service or version, an empty body, XML that is not well-formed, "
            + "or a document that is not a JaCoCo or JUnit report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds selfheal.evidence.max-report-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A Content-Type other than application/xml or text/xml",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable; retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> ingest(@QueryParam("service") String service, @QueryParam("version") String version,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        List<String> services = service == null || service.isBlank() ? List.of() : List.of(service.strip());
        return receipts.answer(ENDPOINT, services, 0, Uni.createFrom().deferred(() -> {
                    EvidenceRequest.Subject subject = EvidenceRequest.subject(service, version);
                    if (!XML.contains(EvidenceRequest.mediaType(contentType))) {
                        throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, unsupported(contentType));
                    }
                    return reports.ingest(subject, body);
                }));
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A service's latest test reports", description = "The latest report of each format (JACOCO, "
            + "JUNIT) for each version of the service, or only for the version given; newest first.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = TestReportSummary.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "No service, or a limit outside 1..100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<TestReportSummary>> latest(@QueryParam("service") String service,
            @QueryParam("version") String version, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (service == null || service.isBlank()) {
            throw ProblemException.invalid("service", "query parameter is required: whose test reports to list");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return reports.latest(service.strip(), version == null || version.isBlank() ? null : version.strip(), limit);
    }

    private static String unsupported(String contentType) {
        return contentType == null || contentType.isBlank()
                ? "a Content-Type is required; send a JaCoCo or JUnit XML report as application/xml or text/xml"
                : "Content-Type '" + contentType + "' is not supported; send a JaCoCo or JUnit XML report as "
                        + "application/xml or text/xml";
    }
}
