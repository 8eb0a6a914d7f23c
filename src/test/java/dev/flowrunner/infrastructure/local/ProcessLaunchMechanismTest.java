package dev.flowrunner.infrastructure.local;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessLaunchMechanismTest {

    @Test
    void vforkOnLinuxBeforeJava25Only() {
        assertEquals(Optional.of("VFORK"), ProcessLaunchMechanism.choice("Linux", 17, null));
        assertEquals(Optional.of("VFORK"), ProcessLaunchMechanism.choice("Linux", 21, null));
        assertEquals(Optional.empty(), ProcessLaunchMechanism.choice("Linux", 25, null), "deprecated, then gone");
        assertEquals(Optional.empty(), ProcessLaunchMechanism.choice("Mac OS X", 17, null), "not offered there");
    }

    @Test
    void anOperatorsChoiceStands() {
        assertEquals(Optional.empty(), ProcessLaunchMechanism.choice("Linux", 17, "POSIX_SPAWN"));
    }
}
