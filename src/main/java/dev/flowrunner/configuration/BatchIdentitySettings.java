package dev.flowrunner.configuration;

import java.util.Optional;

/**
 * Flowrunner's own identity for the batch runtime, which authorizes every job operation.
 *
 * @param user     {@code flowrunner.batch.user}
 * @param password {@code flowrunner.batch.password}
 */
public record BatchIdentitySettings(String user, Optional<String> password) implements AreaSettings {

    public static BatchIdentitySettings read(SettingsSource source) {
        return new BatchIdentitySettings(source.text("flowrunner.batch.user", "flowrunner-batch"),
                source.optional("flowrunner.batch.password"));
    }

    @Override
    public String toString() {
        return "BatchIdentitySettings[user=" + user + ", password=" + password.map(p -> "(set)").orElse("(none)")
                + "]";
    }
}
