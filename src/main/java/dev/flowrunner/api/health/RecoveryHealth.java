package dev.flowrunner.api.health;

import dev.flowrunner.application.StartupGate;
import dev.flowrunner.domain.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * The leader is started and ready once its start-up recovery is over: until then runs are not accepted, so traffic
 * should not come. A standby is ready at once (it serves the UI and reads, and refuses changes, naming the leader);
 * the check says which of the two a replica is, and which replica leads.
 */
@Readiness
@Startup
@ApplicationScoped
public class RecoveryHealth implements HealthCheck {

    @Inject
    StartupGate gate;
    @Inject
    Leadership leadership;

    @Override
    public HealthCheckResponse call() {
        boolean leads = leadership.leads();
        return HealthCheckResponse.named("start-up-recovery").status(gate.isOpen() || !leads)
                .withData("role", leads ? "leader" : "standby")
                .withData("leader", leadership.leader().orElse("being elected")).build();
    }
}
