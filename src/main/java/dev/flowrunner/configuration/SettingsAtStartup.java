package dev.flowrunner.configuration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import java.util.logging.Logger;

/**
 * Reads every area's settings before anything else starts, so that a value that does not fit stops the server at
 * once with its key named ({@link InvalidSettingException}), not at the first run that needs it. The whole server
 * stops, not only the application: a server whose only application failed would still answer its health endpoints
 * UP (they report the checks of running applications, and there are none), so a platform would send it traffic
 * instead of restarting it and showing the message.
 */
@ApplicationScoped
public class SettingsAtStartup {

    private static final Logger LOG = Logger.getLogger(SettingsAtStartup.class.getName());

    /** EX_CONFIG of sysexits.h: the exit code says what to look at. */
    static final int CONFIGURATION_ERROR = 78;

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
               Object started, @Any Instance<AreaSettings> areas, Instance<WorkerSettings> workers,
               Instance<KubernetesSettings> kubernetes) {
        // Every setting is read inside the try, never as a parameter the container would resolve before it.
        try {
            areas.forEach(area -> LOG.config(area::toString));
            if (workers.get().onKubernetes()) {
                LOG.config(kubernetes.get()::toString);
            }
        } catch (InvalidSettingException invalid) {
            LOG.severe(() -> "the configuration does not fit: " + invalid.getMessage() + "; the server stops");
            stopTheServer();
            throw invalid;
        }
    }

    /**
     * From a thread of its own: the exit runs the server's orderly shutdown, which waits for the application's start
     * to end, and this thread is that start.
     */
    private static void stopTheServer() {
        Thread exit = new Thread(() -> System.exit(CONFIGURATION_ERROR), "flowrunner-configuration-error");
        exit.setDaemon(true);
        exit.start();
    }
}
