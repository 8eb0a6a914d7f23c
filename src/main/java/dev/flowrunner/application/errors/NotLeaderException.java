package dev.flowrunner.application.errors;

import java.util.Optional;

/** This replica is a standby: what changes runs is done by the leader, which the client should ask instead. */
public class NotLeaderException extends RuntimeException {

    private final transient Optional<String> leader;

    public NotLeaderException(String identity, Optional<String> leader) {
        super("this replica (" + identity + ") is a standby: starts, stops and re-runs are carried out by the leader"
                + leader.map(l -> ", " + l).orElse(", which is being elected; try again in a few seconds"));
        this.leader = leader;
    }

    /** @param why what went wrong with the leader */
    public NotLeaderException(String identity, Optional<String> leader, String why) {
        super("this replica (" + identity + ") is a standby and asked the leader" + leader.map(l -> " (" + l + ")")
                .orElse("") + " to carry this out, but " + why);
        this.leader = leader;
    }

    public Optional<String> leader() {
        return leader;
    }
}
