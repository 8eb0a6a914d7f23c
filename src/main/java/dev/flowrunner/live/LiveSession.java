package dev.flowrunner.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber's outbound messages, sent one at a time without blocking whoever enqueues them, and without
 * holding any lock while the container sends (its completion callback may run on any thread, even inline). A
 * subscriber that falls {@value #MAX_QUEUED} messages behind is disconnected ("try again later"): on reconnecting it
 * gets a fresh snapshot, which is cheaper for everyone than an ever-growing queue.
 */
final class LiveSession implements Subscriber {

    private static final Logger LOG = Logger.getLogger(LiveSession.class.getName());
    static final int MAX_QUEUED = 2_000;

    private final Session session;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean closed;

    LiveSession(Session session) {
        this.session = session;
    }

    /** Enqueues in the caller's order; callers that need an order across messages serialize their calls. */
    @Override
    public void send(String message) {
        if (closed || !session.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too far behind; reconnect for a fresh snapshot"));
            return;
        }
        queue.add(message);
        drain();
    }

    /** Starts the next send unless one is in flight; the one in flight starts the next when it completes. */
    private void drain() {
        while (!closed && !queue.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            try {
                session.getAsyncRemote().sendText(next, result -> {
                    sending.set(false);
                    if (result.isOK()) {
                        drain();
                    } else {
                        LOG.log(Level.FINE, "live session " + session.getId() + " lost", result.getException());
                        closed = true;
                        queue.clear();
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "live session " + session.getId() + " refused a message", e);
                sending.set(false);
                closed = true;
                queue.clear();
            }
            return;
        }
    }

    @Override
    public void end(String why) {
        close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why));
    }

    void close(CloseReason reason) {
        closed = true;
        queue.clear();
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException gone) {
            // closed already
        }
    }
}
