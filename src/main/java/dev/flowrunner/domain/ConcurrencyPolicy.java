package dev.flowrunner.domain;

/** What a schedule does when it fires while a run of its execution is still active (Argo's CronWorkflow terms). */
public enum ConcurrencyPolicy {
    /** Start another run beside it. */
    ALLOW,
    /** Skip this fire, and record why. */
    FORBID,
    /** Stop the active runs, then start a new one. */
    REPLACE
}
