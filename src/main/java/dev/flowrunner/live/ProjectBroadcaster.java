package dev.flowrunner.live;

import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.domain.ProjectRepository;
import dev.flowrunner.domain.RunListing;
import dev.flowrunner.domain.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes a project's run list as it changes: the newest {@value #FIRST_PAGE} runs first, then each run's summary
 * whenever the run starts, ends or begins a re-run. Summaries are read from the store under the project's lock, so
 * the last one sent for a run is always its latest state, whatever order the changes arrived in.
 */
@ApplicationScoped
public class ProjectBroadcaster {

    static final int FIRST_PAGE = 50;

    @Inject
    ProjectRepository projects;
    @Inject
    RunRepository runs;
    @Inject
    RunViews views;

    private final Map<String, Set<LiveSession>> subscribers = new ConcurrentHashMap<>();

    /** @return false when there is no such project */
    boolean subscribe(String projectId, LiveSession session) {
        if (projects.find(projectId).isEmpty()) {
            return false;
        }
        while (true) {
            Set<LiveSession> sessions = subscribers.computeIfAbsent(projectId, id -> ConcurrentHashMap.newKeySet());
            synchronized (sessions) {
                if (subscribers.get(projectId) != sessions) {
                    continue;
                }
                session.send(LiveMessages.runList(views.summaries(runs.list(RunListing.ofProject(projectId, null, 0, FIRST_PAGE)))));
                sessions.add(session);
                return true;
            }
        }
    }

    void unsubscribe(String projectId, LiveSession session) {
        subscribers.computeIfPresent(projectId, (id, sessions) -> {
            synchronized (sessions) {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            }
        });
    }

    void onRunChanged(@ObservesAsync RunChanged changed) {
        RunBroadcaster.projectOf(changed).map(subscribers::get).ifPresent(sessions -> {
            synchronized (sessions) {
                runs.find(changed.runId()).ifPresent(run -> {
                    String message = LiveMessages.runSummary(views.summary(run));
                    sessions.forEach(session -> session.send(message));
                });
            }
        });
    }
}
