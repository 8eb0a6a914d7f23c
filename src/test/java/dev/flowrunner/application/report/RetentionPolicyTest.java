package dev.flowrunner.application.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {

    @Test
    void zeroSwitchesALimitOff() {
        assertTrue(RetentionPolicy.of(0, 0).isOff());
        assertEquals(new RetentionPolicy(Optional.of(Duration.ofDays(30)), Optional.empty()), RetentionPolicy.of(30, 0));
        assertEquals(new RetentionPolicy(Optional.empty(), Optional.of(5)), RetentionPolicy.of(0, 5));
    }

    @Test
    void limitsThatWouldDeleteEverythingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Optional.of(Duration.ZERO), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Optional.empty(), Optional.of(0)));
    }
}
