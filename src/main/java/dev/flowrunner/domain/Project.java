package dev.flowrunner.domain;

import java.util.List;
import java.util.Map;

/**
 * A team's test suite: how to run one scenario (an argv template) and the test data every scenario receives.
 *
 * @param command argv template; placeholders such as {@code {feature}} are substituted inside single arguments
 */
public record Project(String id, String name, List<String> command, String workingDirectory,
                      Map<String, String> testData, PodOptions pod, Secrets secrets) {

    public Project {
        command = List.copyOf(command);
        testData = Map.copyOf(testData);
        pod = pod == null ? PodOptions.NONE : pod;
        secrets = secrets == null ? Secrets.NONE : secrets;
    }
}
