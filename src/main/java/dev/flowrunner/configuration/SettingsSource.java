package dev.flowrunner.configuration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where settings come from (MicroProfile Config in the server, the environment in a pod's collector), read as typed
 * and checked values: a value that does not fit throws an {@link InvalidSettingException} naming its key, so a typo
 * stops start-up with a message an operator can act on instead of a silent default or a parse error deep in a stack.
 * A blank value counts as not set.
 */
public final class SettingsSource {

    private final Function<String, Optional<String>> lookup;

    public SettingsSource(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static SettingsSource microProfileConfig() {
        Config config = ConfigProvider.getConfig();
        return new SettingsSource(key -> config.getOptionalValue(key, String.class));
    }

    /** Keys as environment variables, named as MicroProfile Config maps them: FLOWRUNNER_S3_BUCKET, … */
    public static SettingsSource environment(Function<String, String> variables) {
        return new SettingsSource(key -> Optional.ofNullable(variables.apply(environmentName(key))));
    }

    public static SettingsSource of(Map<String, String> values) {
        return new SettingsSource(key -> Optional.ofNullable(values.get(key)));
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public Optional<String> optional(String key) {
        return lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingException(key, "must be set"));
    }

    public String choice(String key, String fallback, String... allowed) {
        String value = text(key, fallback);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new InvalidSettingException(key, "must be one of " + String.join(", ", allowed) + ", not '"
                    + value + "'");
        }
        return value;
    }

    /** A Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', beginning and ending alphanumeric. */
    public String labelValue(String key, String fallback) {
        String value = text(key, fallback);
        if (value.length() > 63 || !value.matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
            throw new InvalidSettingException(key, "must be a Kubernetes label value (at most 63 letters, digits, '-',"
                    + " '_' or '.', alphanumeric at both ends), not '" + value + "'");
        }
        return value;
    }

    /** A Kubernetes resource quantity: {@code 250m}, {@code 0.5}, {@code 128Mi}, {@code 1G}. */
    public String quantity(String key, String fallback) {
        String value = text(key, fallback);
        if (!value.matches("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?")) {
            throw new InvalidSettingException(key, "must be a Kubernetes quantity such as 250m or 128Mi, not '"
                    + value + "'");
        }
        return value;
    }

    public long wholeNumber(String key, long fallback, long minimum) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException notWhole) {
            // reported below, as an out-of-range number is
        }
        throw new InvalidSettingException(key, "must be a whole number of at least " + minimum + ", not '"
                + value.get() + "'");
    }

    public int count(String key, int fallback, int minimum) {
        long number = wholeNumber(key, fallback, minimum);
        if (number > Integer.MAX_VALUE) {
            throw new InvalidSettingException(key, "must be at most " + Integer.MAX_VALUE + ", not " + number);
        }
        return (int) number;
    }

    public Duration seconds(String key, long fallback, long minimum) {
        return Duration.ofSeconds(wholeNumber(key, fallback, minimum));
    }

    public double number(String key, double fallback, double minimum, double maximum) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.get());
            if (number >= minimum && number <= maximum) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as an out-of-range number is
        }
        throw new InvalidSettingException(key, "must be a number from " + minimum + " to " + maximum + ", not '"
                + value.get() + "'");
    }

    public boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(choice(key, Boolean.toString(fallback), "true", "false"));
    }
}
