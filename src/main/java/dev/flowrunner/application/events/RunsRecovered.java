package dev.flowrunner.application.events;

/**
 * Start-up recovery has reconciled every run a stop or a crash interrupted, before new runs are let in: what else
 * a crash may have left unfinished (an ended run's final report) is taken up by its owner, which observes this.
 */
public record RunsRecovered() {
}
