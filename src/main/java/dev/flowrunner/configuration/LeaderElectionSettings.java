package dev.flowrunner.configuration;

import java.time.Duration;
import java.util.Optional;

/**
 * Which replica leads, when there are several.
 *
 * @param mode          {@code flowrunner.leader-election}: {@code none} (one server, which always leads) or
 *                      {@code kubernetes} (a Lease in the cluster, for several replicas)
 * @param namespace     {@code flowrunner.leader-election.namespace}: the Lease's namespace; the workers' namespace
 *                      ({@code flowrunner.k8s.namespace}) unless given
 * @param leaseName     {@code flowrunner.leader-election.lease}: the Lease's name
 * @param identity      {@code flowrunner.leader-election.identity}: this replica's name in the election; its host
 *                      name (a pod's name) unless given
 * @param leaseDuration {@code flowrunner.leader-election.lease-seconds}: how long the others wait for an unrenewed
 *                      Lease before one takes it (a killed leader's runs resume after about that long)
 * @param renewDeadline {@code flowrunner.leader-election.renew-deadline-seconds}: how long the leader may go without
 *                      renewing before it stops leading; shorter than the lease duration
 * @param retryPeriod   {@code flowrunner.leader-election.retry-seconds}: how often the Lease is renewed or tried
 * @param apiUrl        {@code flowrunner.k8s.api-url}: empty for the standard client configuration
 */
public record LeaderElectionSettings(String mode, String namespace, String leaseName, String identity,
                                     Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                                     Optional<String> apiUrl) implements AreaSettings {

    public static final String NONE = "none";
    public static final String KUBERNETES = "kubernetes";

    public static LeaderElectionSettings read(SettingsSource source) {
        var settings = new LeaderElectionSettings(source.choice("flowrunner.leader-election", NONE, NONE, KUBERNETES),
                source.optional("flowrunner.leader-election.namespace")
                        .orElse(source.text("flowrunner.k8s.namespace", "default")),
                source.labelValue("flowrunner.leader-election.lease", "flowrunner-leader"),
                source.optional("flowrunner.leader-election.identity").orElseGet(LeaderElectionSettings::hostName),
                source.seconds("flowrunner.leader-election.lease-seconds", 10, 2),
                source.seconds("flowrunner.leader-election.renew-deadline-seconds", 7, 1),
                source.seconds("flowrunner.leader-election.retry-seconds", 2, 1),
                source.optional("flowrunner.k8s.api-url"));
        if (settings.renewDeadline.compareTo(settings.leaseDuration) >= 0
                || settings.retryPeriod.compareTo(settings.renewDeadline) >= 0) {
            throw new InvalidSettingException("flowrunner.leader-election.renew-deadline-seconds", "must be less than "
                    + "the lease duration and more than the retry period (now " + settings.retryPeriod.toSeconds()
                    + " < " + settings.renewDeadline.toSeconds() + " < " + settings.leaseDuration.toSeconds() + ")");
        }
        return settings;
    }

    public boolean onKubernetes() {
        return KUBERNETES.equals(mode);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "flowrunner";
        }
    }
}
