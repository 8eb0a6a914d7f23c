package dev.flowrunner.domain;

import java.util.Optional;

/**
 * Which replica of Flowrunner leads. Every replica serves the UI and the API's reads; only the leader runs batch jobs
 * and launches workers, recovers interrupted runs, fires schedules, applies retention and sweeps leftover workers:
 * two replicas doing so would run scenarios twice.
 */
public interface Leadership {

    /**
     * Takes part in the election; {@code onLead} runs once when this replica comes to lead: at once, on the caller's
     * thread, for a replica that has no other; on the election's thread otherwise. A replica that loses the lead ends
     * its process at once, as a crash would: the next leader resumes what it ran, and nothing of it goes on beside
     * the new leader.
     */
    void join(Runnable onLead);

    /**
     * Whether this replica leads at this moment: it holds the lead and renewed it within its deadline. A replica that
     * was paused past its deadline does not lead once it wakes, even before it has heard of a new leader.
     */
    boolean leads();

    /** The replica that leads, as this one last saw it; empty while none is known. */
    Optional<String> leader();

    /** This replica's name in the election (its pod's name in Kubernetes). */
    String identity();
}
