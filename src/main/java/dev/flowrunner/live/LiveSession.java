package dev.flowrunner.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber's outbound messages, sent one at a time without blocking whoever enqueues them. A subscriber that
 * falls {@value #MAX_QUEUED} messages behind is disconnected ("try again later"): on reconnecting it gets a fresh
 * snapshot, which is cheaper for everyone than an ever-growing queue.
 */
final class LiveSession implements Subscriber {

    private static final Logger LOG = Logger.getLogger(LiveSession.class.getName());
    static final int MAX_QUEUED = 2_000;

    private final Session session;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    LiveSession(Session session) {
        this.session = session;
    }

    String id() {
        return session.getId();
    }

    @Override
    public synchronized void send(String message) {
        if (closed || !session.isOpen()) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too far behind; reconnect for a fresh snapshot"));
            return;
        }
        queue.add(message);
        if (!sending) {
            sendNext();
        }
    }

    private void sendNext() {
        String next = queue.poll();
        if (next == null) {
            sending = false;
            return;
        }
        sending = true;
        session.getAsyncRemote().sendText(next, result -> {
            synchronized (this) {
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "live session " + session.getId() + " lost", result.getException());
                    closed = true;
                    queue.clear();
                    sending = false;
                    return;
                }
                sendNext();
            }
        });
    }

    @Override
    public void end(String why) {
        close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why));
    }

    synchronized void close(CloseReason reason) {
        closed = true;
        queue.clear();
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException gone) {
            // closed already
        }
    }
}
