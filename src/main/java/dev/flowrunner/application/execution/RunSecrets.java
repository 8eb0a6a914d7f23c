package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/** Opens the secrets a run's plan froze, sealed: for its workers' environment and for masking their output. */
@ApplicationScoped
public class RunSecrets {

    @Inject
    SecretSealer sealer;

    public Map<String, String> open(Run run) {
        var opened = new HashMap<String, String>();
        run.plan().secrets().sealed().forEach((name, sealed) -> opened.put(name, sealer.open(sealed)));
        return opened;
    }
}
