package dev.flowrunner.api;

import dev.flowrunner.application.execution.LiveOutput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A running attempt's output so far, polled by the board's details panel. */
@Path("/runs/{runId}/scenarios/{scenarioKey}/attempts/{number}/output")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AttemptOutputResource {

    @Inject
    LiveOutput output;

    /**
     * Each stream from the byte offset given for it (the previous answer's {@code nextOffset}; 0 when left out):
     * {@code stdout} and {@code stderr} of a local process, {@code log} of a pod.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public LiveOutput.AttemptOutput read(@PathParam("runId") String runId, @PathParam("scenarioKey") String scenarioKey,
                                         @PathParam("number") int number, @QueryParam("stdout") Long stdout,
                                         @QueryParam("stderr") Long stderr, @QueryParam("log") Long log) {
        var offsets = new TreeMap<>(Map.of("stdout", orZero(stdout), "stderr", orZero(stderr), "log", orZero(log)));
        var violations = new ArrayList<Violation>();
        offsets.forEach((stream, offset) -> {
            if (offset < 0) {
                violations.add(new Violation(stream, "must be a byte offset, 0 or more"));
            }
        });
        if (number < 1) {
            violations.add(new Violation("number", "attempts are numbered from 1"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(List.copyOf(violations));
        }
        return output.read(runId, scenarioKey, number, offsets);
    }

    private static long orZero(Long offset) {
        return offset == null ? 0 : offset;
    }
}
