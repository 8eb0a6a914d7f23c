package dev.flowrunner.application.errors;

public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " '" + id + "' does not exist");
    }

    /** The refusal as another replica worded it. */
    public NotFoundException(String message) {
        super(message);
    }
}
