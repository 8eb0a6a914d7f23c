package dev.flowrunner.application.errors;

/** The request is valid but the current state forbids it (a run already ended, say). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
