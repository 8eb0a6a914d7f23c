package dev.flowrunner.domain;

/** Reads the results a runner left in an attempt's log directory. */
public interface ScenarioResultReader {

    ScenarioResult read(String logDirectory);
}
