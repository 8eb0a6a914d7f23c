package dev.flowrunner.application.errors;

import java.util.Optional;

/** This replica is a standby, and what was asked is the leader's to do (or the leader did not do it in time). */
public class NotLeaderException extends RuntimeException {

    public NotLeaderException(String identity, Optional<String> leader) {
        super("this replica (" + identity + ") is a standby: only the leader does this"
                + leader.map(l -> " (" + l + ")").orElse(", and one is being elected; try again in a few seconds"));
    }

    /** @param why what went wrong with the leader */
    public NotLeaderException(String identity, Optional<String> leader, String why) {
        super("this replica (" + identity + ") is a standby and asked the leader" + leader.map(l -> " (" + l + ")")
                .orElse("") + " to carry this out, but " + why);
    }
}
