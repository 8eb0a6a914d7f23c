package dev.flowrunner.api;

import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.application.execution.WorkerSlots;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** The workers (pods or local processes) running attempts right now, and where. */
@Path("/workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    @Inject
    RunningWorkers running;
    @Inject
    WorkerLauncher launcher;
    @Inject
    WorkerSlots slots;

    /**
     * @param scenarioKey the scenario a worker of its own runs (null for a batch's worker)
     * @param attempt     that scenario's attempt (0 for a batch's worker)
     * @param batch       the id of the batch the worker runs, whose scenarios the run tree names; null for one scenario
     * @param since       when this server began to wait for it: its launch, or its re-attachment after a restart
     */
    public record LiveWorker(String id, String runId, String flowKey, String groupKey, String scenarioKey,
                             int attempt, String batch, String phase, String place, Instant since) {
    }

    /**
     * @param limit  {@code flowrunner.workers.max-concurrent}; 0 for no limit
     * @param inUse  worker slots taken now
     * @param queued attempts waiting for a slot
     */
    public record Capacity(int limit, int inUse, int queued) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<LiveWorker> live() {
        return running.all().stream().map(this::describe).toList();
    }

    /** The global worker limit, how much of it is taken and how many attempts wait for it. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("capacity")
    public Capacity capacity() {
        return new Capacity(slots.limit(), slots.inUse(), slots.queued());
    }

    private LiveWorker describe(Worker worker) {
        AttemptKey key = worker.key();
        WorkerLauncher.WorkerState state = launcher.state(worker);
        return new LiveWorker(worker.id(), key.runId(), key.flowKey(), key.groupKey(),
                key.isBatch() ? null : key.scenarioKey(), key.isBatch() ? 0 : key.number(),
                key.isBatch() ? key.batchId() : null, state.phase(), state.place(), running.since(worker).orElse(null));
    }
}
