package dev.flowrunner.configuration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsSourceTest {

    @Test
    void aValueThatDoesNotFitNamesItsKeyAndWhatWouldFit() {
        var source = SettingsSource.of(Map.of("a.count", "ten", "a.negative", "-1", "a.ratio", "1.5",
                "a.kind", "pods", "a.flag", "yes"));

        assertEquals("a.count must be a whole number of at least 0, not 'ten'",
                assertThrows(InvalidSettingException.class, () -> source.wholeNumber("a.count", 1, 0)).getMessage());
        assertEquals("a.negative", assertThrows(InvalidSettingException.class,
                () -> source.seconds("a.negative", 5, 0)).key());
        assertEquals("a.ratio must be a number from 0.0 to 1.0, not '1.5'", assertThrows(
                InvalidSettingException.class, () -> source.number("a.ratio", 0.2, 0, 1)).getMessage());
        assertEquals("a.kind must be one of local, kubernetes, not 'pods'", assertThrows(
                InvalidSettingException.class, () -> source.choice("a.kind", "local", "local", "kubernetes"))
                .getMessage());
        assertEquals("a.flag", assertThrows(InvalidSettingException.class, () -> source.flag("a.flag", false)).key());
        assertEquals("a.missing must be set", assertThrows(InvalidSettingException.class,
                () -> source.required("a.missing")).getMessage());
    }

    @Test
    void aBlankValueIsNotSetAndValuesAreTrimmed() {
        var source = SettingsSource.of(Map.of("a.blank", "  ", "a.padded", " 42 ", "a.flag", "true"));

        assertEquals(Optional.empty(), source.optional("a.blank"));
        assertEquals(7, source.wholeNumber("a.blank", 7, 0));
        assertEquals(Duration.ofSeconds(42), source.seconds("a.padded", 1, 0));
        assertTrue(source.flag("a.flag", false));
        assertFalse(source.flag("a.unset", false));
    }

    @Test
    void environmentVariablesAreNamedAsMicroProfileConfigMapsKeys() {
        var source = SettingsSource.environment(Map.of("FLOWRUNNER_S3_PART_SIZE_MB", "32")::get);

        assertEquals(32, source.count("flowrunner.s3.part-size-mb", 16, 5));
        assertEquals("FLOWRUNNER_K8S_API_QPS", SettingsSource.environmentName("flowrunner.k8s.api-qps"));
    }
}
