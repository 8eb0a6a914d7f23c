package dev.flowrunner.api;

import dev.flowrunner.domain.SecretSealer;
import dev.flowrunner.domain.Secrets;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** A project's requested secrets, checked and sealed; a value is never echoed, not even in an error. */
final class SecretRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/[-._a-zA-Z0-9]{1,253}");
    private static final int MAX_VALUE = 16 * 1024;
    /** Results are masked by value: a shorter one would mask ordinary text (SecretMask.MIN_LENGTH). */
    private static final int MIN_VALUE = 4;

    private SecretRules() {
    }

    static Secrets secrets(Map<String, SecretRequest> requested, Map<String, String> testData, Secrets existing,
                           SecretSealer sealer, BiConsumer<String, String> fail) {
        if (requested == null) {
            return Secrets.NONE;
        }
        var sealed = new HashMap<String, String>();
        var references = new HashMap<String, String>();
        requested.forEach((name, secret) -> {
            String field = "secrets." + name;
            if (name == null || !NAME.matcher(name).matches()) {
                fail.accept(field, "names must be valid environment variable names");
                return;
            }
            if (testData != null && testData.containsKey(name)) {
                fail.accept(field, "is also a test data name; a variable is either test data or a secret");
                return;
            }
            boolean keep = secret != null && Boolean.TRUE.equals(secret.keep());
            int given = secret == null ? 0 : (secret.value() != null ? 1 : 0) + (secret.secretRef() != null ? 1 : 0)
                    + (keep ? 1 : 0);
            if (given != 1) {
                fail.accept(field, "give exactly one of value, secretRef, or keep: true");
            } else if (keep) {
                if (existing.sealed().containsKey(name)) {
                    sealed.put(name, existing.sealed().get(name));
                } else if (existing.references().containsKey(name)) {
                    references.put(name, existing.references().get(name));
                } else {
                    fail.accept(field, "there is no stored secret of that name to keep");
                }
            } else if (secret.value() != null) {
                if (secret.value().length() < MIN_VALUE || secret.value().length() > MAX_VALUE) {
                    fail.accept(field + ".value", "must hold " + MIN_VALUE + " to " + MAX_VALUE + " characters");
                } else {
                    sealed.put(name, sealer.seal(secret.value()));
                }
            } else if (!REFERENCE.matcher(secret.secretRef()).matches()) {
                fail.accept(field + ".secretRef", "must name an existing Kubernetes Secret and key: name/key");
            } else {
                references.put(name, secret.secretRef());
            }
        });
        return new Secrets(sealed, references);
    }
}
