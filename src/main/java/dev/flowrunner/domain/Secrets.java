package dev.flowrunner.domain;

import java.util.Map;
import java.util.TreeSet;
import java.util.Set;

/**
 * A project's secrets, by environment variable name; never in plain text: values sealed by Flowrunner
 * ({@link SecretSealer}) for local workers, or references to existing Kubernetes Secrets ("secret-name/key") for pods.
 */
public record Secrets(Map<String, String> sealed, Map<String, String> references) {

    public static final Secrets NONE = new Secrets(Map.of(), Map.of());

    public Secrets {
        sealed = sealed == null ? Map.of() : Map.copyOf(sealed);
        references = references == null ? Map.of() : Map.copyOf(references);
    }

    public Set<String> names() {
        var names = new TreeSet<>(sealed.keySet());
        names.addAll(references.keySet());
        return names;
    }
}
