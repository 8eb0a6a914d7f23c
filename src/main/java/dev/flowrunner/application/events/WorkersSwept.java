package dev.flowrunner.application.events;

/** Workers left behind by runs that no longer run were removed (a CDI event: counted by the metrics). */
public record WorkersSwept(int removed) {
}
