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
 * Reads every area's settings before anything else starts, so that a value that does not fit stops the application
 * at once with its key named ({@link InvalidSettingException}), not at the first run that needs it.
 */
@ApplicationScoped
public class SettingsAtStartup {

    private static final Logger LOG = Logger.getLogger(SettingsAtStartup.class.getName());

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
               Object started, @Any Instance<AreaSettings> areas, WorkerSettings workers,
               Instance<KubernetesSettings> kubernetes) {
        try {
            areas.forEach(area -> LOG.config(area::toString));
            if (workers.onKubernetes()) {
                LOG.config(kubernetes.get()::toString);
            }
        } catch (InvalidSettingException invalid) {
            LOG.severe(() -> "the configuration does not fit: " + invalid.getMessage());
            throw invalid;
        }
    }
}
