package dev.flowrunner.live;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/projects/{projectId}}: the project's newest runs, then each run's summary as it changes. */
@Dependent
@ServerEndpoint("/ws/projects/{projectId}")
public class ProjectLiveEndpoint {

    @Inject
    ProjectBroadcaster broadcaster;

    private LiveSession live;

    @OnOpen
    public void open(Session session, @PathParam("projectId") String projectId) {
        live = new LiveSession(session);
        if (!broadcaster.subscribe(projectId, live)) {
            live.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "no project "
                    + LiveText.clip(projectId)));
        }
    }

    @OnClose
    public void close(@PathParam("projectId") String projectId) {
        broadcaster.unsubscribe(projectId, live);
    }

    @OnError
    public void error(Throwable failure, @PathParam("projectId") String projectId) {
        broadcaster.unsubscribe(projectId, live);
    }
}
