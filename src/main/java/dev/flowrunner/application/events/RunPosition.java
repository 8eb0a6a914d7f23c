package dev.flowrunner.application.events;

/** How far a run's numbered changes have gone: its epoch and the number of its last change (0: none yet). */
public record RunPosition(long epoch, long sequence) {
}
