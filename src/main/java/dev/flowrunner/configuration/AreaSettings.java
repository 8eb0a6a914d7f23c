package dev.flowrunner.configuration;

/**
 * One area's settings, read and checked as a whole; {@link SettingsAtStartup} reads every area before the
 * application serves anything.
 */
public interface AreaSettings {
}
