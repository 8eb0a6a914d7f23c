package dev.flowrunner.domain;

/**
 * The platform refuses to run workers for a reason that concerns the whole run, not one scenario (a namespace's
 * resource quota refuses its pods): the run shows it as its problem.
 */
public class WorkerRefusedException extends RuntimeException {

    public WorkerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
