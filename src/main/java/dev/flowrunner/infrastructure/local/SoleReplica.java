package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.Leadership;

import java.util.Optional;

/** A server with no other replica (the embedded default, a laptop, a single pod): it always leads. */
public final class SoleReplica implements Leadership {

    private final String identity;

    public SoleReplica(String identity) {
        this.identity = identity;
    }

    /** Runs {@code onLead} at once, on the caller's thread: start-up goes on as soon as it has run. */
    @Override
    public void join(Runnable onLead) {
        onLead.run();
    }

    @Override
    public boolean leads() {
        return true;
    }

    @Override
    public Optional<String> leader() {
        return Optional.of(identity);
    }

    @Override
    public String identity() {
        return identity;
    }
}
