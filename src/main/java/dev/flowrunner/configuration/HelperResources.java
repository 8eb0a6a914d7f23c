package dev.flowrunner.configuration;

/**
 * Requests and limits of the two containers Flowrunner adds to every worker pod: the init container that copies the
 * supervisor script and the collector that stores the results. A namespace whose ResourceQuota covers
 * {@code limits.cpu} or {@code limits.memory} admits only pods whose every container has limits; the runner's own
 * come from the project's pod options (or the namespace's LimitRange).
 *
 * @param cpuRequest    {@code flowrunner.k8s.helper-cpu-request}
 * @param cpuLimit      {@code flowrunner.k8s.helper-cpu-limit}
 * @param memoryRequest {@code flowrunner.k8s.helper-memory-request}
 * @param memoryLimit   {@code flowrunner.k8s.helper-memory-limit}: the collector is a small JVM that streams files
 */
public record HelperResources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {

    public static final HelperResources DEFAULTS = new HelperResources("50m", "500m", "64Mi", "256Mi");

    public static HelperResources read(SettingsSource source) {
        return new HelperResources(source.quantity("flowrunner.k8s.helper-cpu-request", DEFAULTS.cpuRequest()),
                source.quantity("flowrunner.k8s.helper-cpu-limit", DEFAULTS.cpuLimit()),
                source.quantity("flowrunner.k8s.helper-memory-request", DEFAULTS.memoryRequest()),
                source.quantity("flowrunner.k8s.helper-memory-limit", DEFAULTS.memoryLimit()));
    }
}
