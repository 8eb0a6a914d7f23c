package dev.flowrunner.application;

import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.RunCommands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link RunCommands} port in memory, for the run logic's tests (MongoRunCommands is the adapter). */
public final class InMemoryRunCommands implements RunCommands {

    final Map<String, RunCommand> pending = new LinkedHashMap<>();
    final Map<String, RunCommand> submitted = new LinkedHashMap<>();
    private final Map<String, RunCommand.Outcome> outcomes = new LinkedHashMap<>();

    @Override
    public synchronized void submit(RunCommand command) {
        pending.put(command.id(), command);
        submitted.put(command.id(), command);
    }

    @Override
    public synchronized List<RunCommand> take(String replica, int limit) {
        var taken = new ArrayList<RunCommand>();
        var each = pending.values().iterator();
        while (each.hasNext() && taken.size() < limit) {
            taken.add(each.next());
            each.remove();
        }
        return taken;
    }

    @Override
    public synchronized void complete(String commandId, RunCommand.Outcome outcome) {
        outcomes.put(commandId, outcome);
    }

    @Override
    public synchronized Optional<RunCommand.Outcome> outcome(String commandId) {
        return Optional.ofNullable(outcomes.get(commandId));
    }

    @Override
    public synchronized int deleteBefore(java.time.Instant cutoff) {
        List<String> old = submitted.values().stream().filter(c -> c.at().isBefore(cutoff)).map(RunCommand::id)
                .toList();
        old.forEach(id -> {
            submitted.remove(id);
            pending.remove(id);
            outcomes.remove(id);
        });
        return old.size();
    }
}
