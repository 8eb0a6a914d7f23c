package dev.flowrunner.domain;

public enum FlowStatus {
    PENDING, RUNNING, PASSED, FAILED, STOPPED;

    public boolean isFinal() {
        return this == PASSED || this == FAILED || this == STOPPED;
    }
}
