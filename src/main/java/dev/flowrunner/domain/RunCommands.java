package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where standbys leave the changes to runs they are asked for, and the leader takes them (in the shared store). */
public interface RunCommands {

    void submit(RunCommand command);

    /** The oldest commands nobody has taken yet, now taken by {@code replica}: each goes to one replica only. */
    List<RunCommand> take(String replica, int limit);

    void complete(String commandId, RunCommand.Outcome outcome);

    /** How the command went, once the leader has carried it out. */
    Optional<RunCommand.Outcome> outcome(String commandId);

    /**
     * Deletes the commands asked before {@code cutoff}, answered or not: whoever asked has stopped waiting.
     *
     * @return how many were deleted
     */
    int deleteBefore(Instant cutoff);
}
