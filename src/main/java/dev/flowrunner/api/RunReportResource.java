package dev.flowrunner.api;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.report.ReportLinks;
import dev.flowrunner.application.report.ReportService;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.ReportState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's report and stored files. Files are streamed from the artifact store; the report's links are direct
 * (S3 presigned, time-limited) when so configured. Stored pages are served sandboxed: a test's attachment must not
 * act with Flowrunner's origin.
 */
@Path("/runs/{runId}")
@RequestScoped
public class RunReportResource {

    /** Segments of a stored file's path: no empty, dot-only or hidden-upload segments, nothing that escapes. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9._@=+-]+(/[A-Za-z0-9._@=+-]+)*");

    @Inject
    RunService runService;
    @Inject
    ReportService reports;
    @Inject
    ReportLinks links;
    @Inject
    ArtifactStore store;
    @Context
    UriInfo uriInfo;

    public record ReportView(String runId, String state, Instant builtAt, Map<String, URI> links) {
    }

    /** The report's state (NOT_WRITTEN, IN_PROGRESS, FINAL) and the links to its files. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("report")
    @Produces(MediaType.APPLICATION_JSON)
    public ReportView report(@PathParam("runId") String runId) {
        runService.requireExists(runId);
        return view(runId);
    }

    private ReportView view(String runId) {
        return reports.state(runId)
                .map(state -> new ReportView(runId, state.complete() ? "FINAL" : "IN_PROGRESS", state.builtAt(),
                        links.links(runId, relative -> fileUri(runId, relative))))
                .orElseGet(() -> new ReportView(runId, "NOT_WRITTEN", null, Map.of()));
    }

    /** Writes the report again (202); e.g. after a storage outage. */
    @RolesAllowed(Roles.RUNNER)
    @Audited("report.rebuild")
    @POST
    @Path("report")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rebuild(@PathParam("runId") String runId) {
        runService.requireExists(runId);
        reports.requestBuild(runId);
        return Response.accepted(view(runId)).build();
    }

    /**
     * The run's stored files, relative to the run's prefix: all of them, or those under one folder
     * ({@code ?under=main/g01-checkout/pay}: one scenario's attempts, as the run board shows them).
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("files")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> files(@PathParam("runId") String runId, @QueryParam("under") String under) {
        if (under != null) {
            checkSafe("under", under);
        }
        runService.requireExists(runId);
        String prefix = ReportFiles.runPrefix(runId);
        return store.list(under == null ? prefix : prefix + under + "/").stream()
                .map(k -> k.substring(prefix.length())).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("files/{path: .+}")
    public Response file(@PathParam("runId") String runId, @PathParam("path") String path) {
        checkSafe("path", path);
        runService.requireExists(runId);
        if (path.startsWith("report/") && ReportFiles.CUCUMBER_PARTS.contains(path.substring("report/".length()))) {
            reports.cucumberReportWanted(runId);
        }
        InputStream content = store.open(ReportFiles.runPrefix(runId) + path)
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("run " + runId + " has no file " + path));
        String type = contentType(path);
        Response.ResponseBuilder response = Response.ok((StreamingOutput) out -> {
            try (content) {
                content.transferTo(out);
            }
        }, type).header("X-Content-Type-Options", "nosniff");
        if (type.startsWith("text/html")) {
            response.header("Content-Security-Policy", "sandbox allow-scripts allow-popups");
        }
        return response.build();
    }

    private static void checkSafe(String field, String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new InvalidRequestException(List.of(new Violation(field,
                    "must be a relative path of letters, digits and ._@=+- without '.' or '..' segments")));
        }
    }

    private URI fileUri(String runId, String relative) {
        return uriInfo.getBaseUriBuilder().path(RunReportResource.class).path("files").path(relative)
                .build(runId);
    }

    private static String contentType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".log") || name.endsWith(".txt") || name.equals("exit")) {
            return "text/plain; charset=UTF-8";
        }
        if (name.endsWith(".ndjson")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        String guessed = name.endsWith(".json") ? "application/json" : URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : MediaType.APPLICATION_OCTET_STREAM;
    }
}
