package dev.flowrunner.configuration;

/** A setting whose value does not fit; its message names the key, so the log says what to fix. */
public class InvalidSettingException extends IllegalStateException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
