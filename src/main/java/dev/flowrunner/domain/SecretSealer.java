package dev.flowrunner.domain;

/** Encrypts secret values for storage and decrypts them for the worker that needs them, and nobody else. */
public interface SecretSealer {

    String seal(String plain);

    String open(String sealed);
}
