package dev.selfheal.docs.page;

import dev.selfheal.platform.problem.Problem;
import dev.selfheal.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/docs")
@Tag(name = "Docs")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class DocsResource {

    public static final String MARKDOWN = "text/markdown";

    private final DocsService docs;

    public DocsResource(DocsService docs) {
        this.docs = docs;
    }

    @GET
    @Operation(summary = "Documented services",
            description = "Every documented service with its latest documentation version, by service name.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = DocsIndexEntry.class, type = SchemaType.ARRAY)))
    public Uni<List<DocsIndexEntry>> index() {
        return docs.index();
    }

    @GET
    @Path("/{service}")
    @Operation(summary = "A service's documentation",
            description = "The latest version: its handlers with their observed figures, and the fixes applied to it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DocPage.class)))
    @APIResponse(responseCode = "404", description = "The service is not documented",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DocPage> latest(@PathParam("service") String service) {
        return docs.latest(service);
    }

    @GET
    @Path("/{service}.md")
    @Produces({MARKDOWN + ";charset=UTF-8", Problem.MEDIA_TYPE})
    @Operation(summary = "A service's documentation as Markdown", description = "The latest version, rendered as Markdown.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MARKDOWN))
    @APIResponse(responseCode = "404", description = "The service is not documented",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> latestMarkdown(@PathParam("service") String service) {
        return docs.latestMarkdown(service);
    }

    @GET
    @Path("/{service}/versions")
    @Operation(summary = "A service's documentation history", description = "Every version, newest first, without content.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = DocsIndexEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The service is not documented",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DocsIndexEntry>> history(@PathParam("service") String service) {
        return docs.history(service);
    }

    @GET
    @Path("/{service}/versions/{version}")
    @Operation(summary = "One version of a service's documentation")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DocPage.class)))
    @APIResponse(responseCode = "400", description = "The version is not a positive whole number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The service or that version of its documentation does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DocPage> version(@PathParam("service") String service, @PathParam("version") String version) {
        return docs.version(service, versionNumber(version));
    }

    @GET
    @Path("/export.zip")
    @Produces("application/zip")
    @Operation(summary = "Every service's documentation as a zip", description = "index.md linking the services, "
            + "and each service's latest documentation as <service>.md, to keep beside the code or read offline.")
    @APIResponse(responseCode = "200", description = "The archive", content = @Content(mediaType = "application/zip"))
    public Uni<Response> export() {
        return docs.export().map(zip -> Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"selfheal-docs.zip\"").build());
    }

    @GET
    @Path("/{service}/diff")
    @Operation(summary = "What changed between two versions of a service's documentation",
            description = "The unified diff of the two versions' Markdown, with the lines added and removed.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DocsDiff.class)))
    @APIResponse(responseCode = "400", description = "from or to is missing or not a positive whole number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The service or one of the versions does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DocsDiff> diff(@PathParam("service") String service,
            @Parameter(description = "The older version", required = true) @QueryParam("from") String from,
            @Parameter(description = "The newer version", required = true) @QueryParam("to") String to) {
        return docs.diff(service, number("from", from), number("to", to));
    }

    private static int versionNumber(String version) {
        return number("version", version);
    }

    private static int number(String field, String version) {
        if (version == null || version.isBlank()) {
            throw ProblemException.invalid(field, "is required: a version number from 1");
        }
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw ProblemException.invalid(field, "must be a whole number from 1, not '" + version + "'");
        }
        return n;
    }
}
