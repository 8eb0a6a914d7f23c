package dev.flowrunner.domain;

/** Something with the same identity exists already. */
public class DuplicateKeyException extends RuntimeException {

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
