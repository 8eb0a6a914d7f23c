package dev.flowrunner.api.health;

import dev.flowrunner.application.StartupGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Started and ready once start-up recovery is over: until then runs are not accepted, so traffic should not come.
 * (Checks of MongoDB, the job repository and the artifact store follow with the operability work.)
 */
@Readiness
@Startup
@ApplicationScoped
public class RecoveryHealth implements HealthCheck {

    @Inject
    StartupGate gate;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("start-up-recovery").status(gate.isOpen()).build();
    }
}
