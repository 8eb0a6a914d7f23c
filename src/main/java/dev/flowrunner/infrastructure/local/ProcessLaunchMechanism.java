package dev.flowrunner.infrastructure.local;

import java.util.Locale;
import java.util.Optional;

/**
 * Has the JDK start local workers with {@code vfork} where it still offers it. Its default on Linux, posix_spawn,
 * starts every process through the JDK's {@code jspawnhelper}, an extra program executed before the worker's own:
 * measured on two cores, a start took 12 ms that way and 3 ms by vfork, and a worker slot waits for that start
 * between two scenarios. It was the JDK's default on Linux until Java 12; it is deprecated in Java 25 (with a
 * warning on stderr) and goes after it, so it is left alone from 25 on, and whenever an operator chose a mechanism.
 */
final class ProcessLaunchMechanism {

    static final String PROPERTY = "jdk.lang.Process.launchMechanism";
    private static final int FIRST_JAVA_DEPRECATING_VFORK = 25;

    private ProcessLaunchMechanism() {
    }

    /**
     * Takes effect only before the JDK's first process start in this JVM, which reads the property once: called
     * before the local launcher's first.
     */
    static void preferVfork() {
        choice(System.getProperty("os.name", ""), Runtime.version().feature(), System.getProperty(PROPERTY))
                .ifPresent(mechanism -> System.setProperty(PROPERTY, mechanism));
    }

    /** The mechanism to set, if any, on this operating system and Java, given what was chosen already. */
    static Optional<String> choice(String osName, int javaFeature, String chosen) {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        return linux && javaFeature < FIRST_JAVA_DEPRECATING_VFORK && chosen == null
                ? Optional.of("VFORK") : Optional.empty();
    }
}
