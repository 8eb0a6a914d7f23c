package dev.flowrunner.configuration;

import java.time.Duration;

/**
 * Where attempts run and how many at once.
 *
 * @param kind          {@code flowrunner.workers}: {@code local} processes (the embedded default) or
 *                      {@code kubernetes} pods ({@link KubernetesSettings})
 * @param maxConcurrent {@code flowrunner.workers.max-concurrent}: workers running at once across all runs, 0 = no
 *                      limit; attempts beyond it wait QUEUED in a queue fair across runs
 * @param killGrace     {@code flowrunner.local.kill-grace-seconds}: between SIGTERM and SIGKILL when a local worker is
 *                      killed
 * @param sweepInterval {@code flowrunner.workers.sweep-interval-seconds}: how often workers left behind by runs that
 *                      no longer run are looked for and removed (at start-up too); 0 = at start-up only
 */
public record WorkerSettings(String kind, int maxConcurrent, Duration killGrace, Duration sweepInterval)
        implements AreaSettings {

    public static final String LOCAL = "local";
    public static final String KUBERNETES = "kubernetes";

    public static WorkerSettings read(SettingsSource source) {
        return new WorkerSettings(source.choice("flowrunner.workers", LOCAL, LOCAL, KUBERNETES),
                source.count("flowrunner.workers.max-concurrent", 0, 0),
                source.seconds("flowrunner.local.kill-grace-seconds", 5, 0),
                source.seconds("flowrunner.workers.sweep-interval-seconds", 300, 0));
    }

    public boolean onKubernetes() {
        return KUBERNETES.equals(kind);
    }
}
