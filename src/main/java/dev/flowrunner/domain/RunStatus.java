package dev.flowrunner.domain;

public enum RunStatus {
    RUNNING, STOPPING, PASSED, FAILED, STOPPED;

    public boolean isFinal() {
        return this == PASSED || this == FAILED || this == STOPPED;
    }
}
