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

/** {@code /ws/runs/{runId}}: the run tree, then its changes as they are recorded (see {@link LiveMessages}). */
@Dependent
@ServerEndpoint("/ws/runs/{runId}")
public class RunLiveEndpoint {

    @Inject
    RunBroadcaster broadcaster;

    private LiveSession live;

    @OnOpen
    public void open(Session session, @PathParam("runId") String runId) {
        live = new LiveSession(session);
        if (!broadcaster.subscribe(runId, live)) {
            live.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "no run " + LiveText.clip(runId)));
        }
    }

    @OnClose
    public void close(@PathParam("runId") String runId) {
        broadcaster.unsubscribe(runId, live);
    }

    @OnError
    public void error(Throwable failure, @PathParam("runId") String runId) {
        broadcaster.unsubscribe(runId, live);
    }
}
