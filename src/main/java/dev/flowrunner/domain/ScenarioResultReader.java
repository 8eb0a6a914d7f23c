package dev.flowrunner.domain;

/** Reads the results a runner left in an attempt's log directory. */
public interface ScenarioResultReader {

    /** What the worker's runner reported, from its Cucumber messages in the artifact store (or its local directory). */
    ScenarioResult read(Worker worker);
}
