package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.LeaderElectionSettings;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.infrastructure.kubernetes.LeaseLeadership.LeaseTimings;
import dev.flowrunner.infrastructure.local.SoleReplica;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.logging.Logger;

/** One server leads alone; replicas elect their leader through a Lease in the cluster. */
@ApplicationScoped
public class LeadershipProducer {

    private static final Logger LOG = Logger.getLogger(LeadershipProducer.class.getName());
    /** The exit status of a replica that lost the lead: a restart brings it back as a standby. */
    static final int LOST_THE_LEAD = 75;

    @Inject
    LeaderElectionSettings settings;

    @Produces
    @ApplicationScoped
    Leadership leadership() {
        if (!settings.onKubernetes()) {
            return new SoleReplica(settings.identity());
        }
        LOG.info(() -> settings.identity() + " takes part in the election through the Lease " + settings.namespace()
                + "/" + settings.leaseName());
        var lease = new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity(),
                KubernetesClients.client(settings.apiUrl()));
        // Halted, not exited: an orderly shutdown would go on writing to the job repository beside the new leader.
        return new LeaseLeadership(lease, new LeaseTimings(settings.leaseDuration(), settings.renewDeadline(),
                settings.retryPeriod()), () -> Runtime.getRuntime().halt(LOST_THE_LEAD), Clock.systemUTC());
    }

    void close(@Disposes Leadership leadership) {
        if (leadership instanceof LeaseLeadership lease) {
            lease.close();
        }
    }
}
