package dev.flowrunner.application.errors;

/** The service cannot take this request yet (it is still starting); the client should retry shortly. */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
