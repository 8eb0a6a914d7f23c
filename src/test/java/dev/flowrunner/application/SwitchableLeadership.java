package dev.flowrunner.application;

import dev.flowrunner.domain.Leadership;

import java.util.Optional;

/** The {@link Leadership} port for the run logic's tests: this replica leads until a test makes it a standby. */
public final class SwitchableLeadership implements Leadership {

    private volatile boolean leads = true;

    /** From now on this replica is a standby, and {@code leader} leads. */
    public void standBy() {
        leads = false;
    }

    @Override
    public void join(Runnable onLead) {
        onLead.run();
    }

    @Override
    public boolean leads() {
        return leads;
    }

    @Override
    public Optional<String> leader() {
        return Optional.of(leads ? identity() : "replica-1");
    }

    @Override
    public String identity() {
        return "replica-0";
    }
}
