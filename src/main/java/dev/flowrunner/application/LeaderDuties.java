package dev.flowrunner.application;

import dev.flowrunner.domain.Leadership;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Joins the election at start-up and announces the lead when this replica gains it ({@link LeadershipGained}); until
 * then it is a standby, serving reads and passing changes to the leader. A replica that loses the lead ends (see
 * {@link Leadership#join}), so the lead is gained at most once per process.
 */
@ApplicationScoped
public class LeaderDuties {

    @Inject
    Leadership leadership;
    @Inject
    Event<LeadershipGained> gained;
    @Resource
    ContextService context;

    void joinAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Runnable announce = () -> gained.fire(new LeadershipGained(leadership.identity()));
        // An election calls back on a thread of its own, without the application's context (its class loader, its
        // naming, which the batch runtime and the managed executors need): there the announcement runs in the context
        // captured here. A sole replica calls back at once, on this start-up thread, which has that context already
        // (and where applying it again is refused while the web application starts).
        Runnable inContext = context.createContextualProxy(announce, Runnable.class);
        Thread startup = Thread.currentThread();
        leadership.join(() -> (Thread.currentThread() == startup ? announce : inContext).run());
    }
}
