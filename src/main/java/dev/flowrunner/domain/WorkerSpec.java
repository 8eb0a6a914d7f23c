package dev.flowrunner.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a worker needs to run one attempt.
 *
 * @param command      argv template; the launcher adds {@code {resultsDir}}, which only it knows
 * @param placeholders values for the template's other placeholders
 * @param environment  test data and FLOWRUNNER_* variables
 * @param timeout      how long the attempt may run (a pod gets a deadline from it, in case nobody is left to kill it)
 * @param pod          where and how big a pod worker is
 * @param secrets      secret values for the runner's environment (local workers only), never logged
 * @param secretRefs   environment variables to fill from existing Kubernetes Secrets ("name/key"; pods only)
 * @param lists        values for the template's list placeholders ({@code locations}), one argument each
 * @param members      the scenarios of a batch's worker, with their attempts (empty for a worker of one scenario)
 */
public record WorkerSpec(AttemptKey key, List<String> command, Map<String, String> placeholders,
                         String workingDirectory, Map<String, String> environment, Duration timeout, PodOptions pod,
                         Map<String, String> secrets, Map<String, String> secretRefs,
                         Map<String, List<String>> lists, List<BatchProgress.Member> members) {

    public WorkerSpec(AttemptKey key, List<String> command, Map<String, String> placeholders, String workingDirectory,
                      Map<String, String> environment, Duration timeout, PodOptions pod) {
        this(key, command, placeholders, workingDirectory, environment, timeout, pod, Map.of(), Map.of(), Map.of(),
                List.of());
    }

    public WorkerSpec(AttemptKey key, List<String> command, Map<String, String> placeholders, String workingDirectory,
                      Map<String, String> environment, Duration timeout, PodOptions pod, Map<String, String> secrets,
                      Map<String, String> secretRefs, Map<String, List<String>> lists) {
        this(key, command, placeholders, workingDirectory, environment, timeout, pod, secrets, secretRefs, lists,
                List.of());
    }

    public WorkerSpec {
        members = members == null ? List.of() : List.copyOf(members);
        lists = lists == null ? Map.of() : Map.copyOf(lists);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        secretRefs = secretRefs == null ? Map.of() : Map.copyOf(secretRefs);
        pod = pod == null ? PodOptions.NONE : pod;
        command = List.copyOf(command);
        placeholders = Map.copyOf(placeholders);
        environment = Map.copyOf(environment);
    }

    /** Names the secrets, never their values: a spec in a log or an exception message leaks nothing. */
    @Override
    public String toString() {
        return "WorkerSpec[key=" + key + ", command=" + command + ", workingDirectory=" + workingDirectory
                + ", timeout=" + timeout + ", secrets=" + secrets.keySet() + ", secretRefs=" + secretRefs + "]";
    }
}
