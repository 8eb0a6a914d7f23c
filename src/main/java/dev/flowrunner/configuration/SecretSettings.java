package dev.flowrunner.configuration;

import java.util.Base64;
import java.util.Optional;

/**
 * The key that seals project secrets: {@code flowrunner.secrets.key}, base64 of {@value #KEY_BYTES} random bytes
 * (AES-256); none configured, the server generates one into its data directory.
 */
public record SecretSettings(Optional<byte[]> sealingKey) implements AreaSettings {

    public static final int KEY_BYTES = 32;
    private static final String KEY = "flowrunner.secrets.key";

    public static SecretSettings read(SettingsSource source) {
        return new SecretSettings(source.optional(KEY).map(value -> decodeKey(value, KEY)));
    }

    /** Decodes a sealing key; the message names where it came from, never the value. */
    public static byte[] decodeKey(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidSettingException(origin, "must be base64 (of " + KEY_BYTES + " random bytes)");
        }
        if (key.length != KEY_BYTES) {
            throw new InvalidSettingException(origin, "must hold " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "SecretSettings[sealingKey=" + sealingKey.map(k -> "(set)").orElse("(generated)") + "]";
    }
}
