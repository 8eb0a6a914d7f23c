package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.HelperResources;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.CommandTemplate;
import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1LocalObjectReference;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SecretEnvSource;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod of one attempt: an init container puts the supervisor script on a shared volume; the runner container runs
 * the project's argv under it (no shell interprets the argv) and leaves its results and end marker in the shared
 * results directory; the collector container (Flowrunner's image, collect mode) stores them and ends with the runner's
 * exit code. Non-root, no privilege escalation, no capabilities, no service-account token; secrets only by reference.
 */
public final class WorkerPods {

    public static final String RUNNER = "runner";
    public static final String COLLECTOR = "collector";
    public static final String RESULTS_DIR = "/flowrunner/results";
    static final String BIN_DIR = "/flowrunner/bin";
    /** Where Flowrunner's image keeps the supervisor script and the collector's class path (see the Dockerfile). */
    static final String IMAGE_SUPERVISOR = "/opt/flowrunner/supervisor.sh";
    /** Tells the supervisor (supervisor.sh) to copy the runner's stdout and stderr into this directory. */
    static final String OUTPUT_DIR_VARIABLE = "FLOWRUNNER_OUTPUT_DIR";
    static final String IMAGE_CLASSPATH = "/opt/flowrunner/lib/*";
    /** The collector's program, named rather than imported: the worker side depends on the adapters, not back. */
    public static final String COLLECTOR_MAIN_CLASS = "dev.flowrunner.worker.Collector";
    static final String NAME_ANNOTATION = "flowrunner.dev/scenario-name";
    static final String LOCATION_ANNOTATION = "flowrunner.dev/scenario-location";

    private WorkerPods() {
    }

    public static V1Pod of(WorkerSpec spec, PodSettings settings) {
        AttemptKey key = spec.key();
        var values = new HashMap<>(spec.placeholders());
        values.put("resultsDir", RESULTS_DIR);
        List<String> argv = new ArrayList<>(List.of("sh", BIN_DIR + "/supervisor.sh", RESULTS_DIR + "/" + ResultsDirectory.EXIT_FILE));
        argv.addAll(CommandTemplate.render(spec.command(), values, spec.lists()));

        Map<String, String> runnerEnv = new TreeMap<>(spec.environment());
        runnerEnv.put("FLOWRUNNER_RESULTS_DIR", RESULTS_DIR);
        // The supervisor copies the runner's output there too, for the collector: the container's log goes with the pod.
        runnerEnv.put(OUTPUT_DIR_VARIABLE, RESULTS_DIR);
        PodOptions options = spec.pod();
        var runner = new V1Container().name(RUNNER)
                .image(options.image() != null ? options.image() : settings.runnerImage()).command(argv)
                .env(plain(runnerEnv)).resources(resources(options))
                .securityContext(restricted().readOnlyRootFilesystem(!options.writableRootFilesystem()))
                .addVolumeMountsItem(new V1VolumeMount().name("results").mountPath(RESULTS_DIR))
                .addVolumeMountsItem(new V1VolumeMount().name("bin").mountPath(BIN_DIR).readOnly(true))
                .addVolumeMountsItem(new V1VolumeMount().name("runner-tmp").mountPath("/tmp"));
        if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
            runner.workingDir(spec.workingDirectory());
        }
        // Secret values stay in their Secrets: the pod refers to them, Flowrunner never reads them.
        options.secretEnvFrom().forEach(secret -> runner.addEnvFromItem(
                new V1EnvFromSource().secretRef(new V1SecretEnvSource().name(secret))));
        spec.secretRefs().forEach((name, ref) -> runner.addEnvItem(secretRef(name, secretName(ref), secretKey(ref))));

        Map<String, String> collectorEnv = new TreeMap<>(settings.storeEnvironment());
        collectorEnv.put("FLOWRUNNER_RESULTS_DIR", RESULTS_DIR);
        collectorEnv.put("FLOWRUNNER_ARTIFACT_PREFIX", key.artifactPrefix());
        if (!spec.members().isEmpty()) {
            collectorEnv.put(BatchStreamer.MEMBERS, members(spec));
        }
        List<V1EnvVar> collectorVars = plain(collectorEnv);
        // The collector reads the runner's secrets too, to mask them in the results before storing them.
        spec.secretRefs().forEach((name, ref) -> collectorVars.add(secretRef(name, secretName(ref), secretKey(ref))));
        if (!spec.secretRefs().isEmpty()) {
            collectorVars.add(new V1EnvVar().name(SecretMask.MASKED_VARIABLES)
                    .value(String.join(",", new TreeMap<>(spec.secretRefs()).keySet())));
        }
        settings.storeSecret().ifPresent(secret -> {
            collectorVars.add(secretRef("FLOWRUNNER_S3_ACCESS_KEY", secret, "access-key"));
            collectorVars.add(secretRef("FLOWRUNNER_S3_SECRET_KEY", secret, "secret-key"));
        });
        // Flowrunner's own containers write only to their volumes (the JVM's temporary files go to /tmp).
        var collector = new V1Container().name(COLLECTOR).image(settings.flowrunnerImage())
                .command(List.of("java", "-cp", IMAGE_CLASSPATH, COLLECTOR_MAIN_CLASS))
                .env(collectorVars).securityContext(restricted().readOnlyRootFilesystem(true))
                .resources(helperResources(settings.helpers()))
                .addVolumeMountsItem(new V1VolumeMount().name("results").mountPath(RESULTS_DIR))
                .addVolumeMountsItem(new V1VolumeMount().name("tmp").mountPath("/tmp"));

        var supervisor = new V1Container().name("supervisor").image(settings.flowrunnerImage())
                .command(List.of("cp", IMAGE_SUPERVISOR, BIN_DIR + "/supervisor.sh"))
                .securityContext(restricted().readOnlyRootFilesystem(true))
                .resources(helperResources(settings.helpers()))
                .addVolumeMountsItem(new V1VolumeMount().name("bin").mountPath(BIN_DIR));

        var annotations = new TreeMap<String, String>();
        annotations.put(NAME_ANNOTATION, spec.placeholders().getOrDefault("name", ""));
        annotations.put(LOCATION_ANNOTATION, spec.placeholders().getOrDefault("location", ""));
        // A deletion (a timeout, a stop, a drained node) gives the collector the collect margin to store what the
        // runner wrote after the runner got SIGTERM.
        var podSpec = new V1PodSpec().restartPolicy("Never")
                .activeDeadlineSeconds(spec.timeout().plus(settings.collectMargin()).toSeconds())
                .terminationGracePeriodSeconds(settings.collectMargin().toSeconds())
                .automountServiceAccountToken(false)
                .securityContext(new V1PodSecurityContext().runAsNonRoot(true)
                        .seccompProfile(new V1SeccompProfile().type("RuntimeDefault")))
                .initContainers(List.of(supervisor)).containers(List.of(runner, collector))
                .addVolumesItem(new V1Volume().name("results").emptyDir(new V1EmptyDirVolumeSource()))
                .addVolumesItem(new V1Volume().name("bin").emptyDir(new V1EmptyDirVolumeSource()))
                .addVolumesItem(new V1Volume().name("tmp").emptyDir(new V1EmptyDirVolumeSource()))
                .addVolumesItem(new V1Volume().name("runner-tmp").emptyDir(new V1EmptyDirVolumeSource()));
        place(podSpec, options);
        return new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(PodNames.of(key)).namespace(settings.namespace())
                        .labels(PodNames.labels(key, settings.installation())).annotations(annotations))
                .spec(podSpec);
    }

    private static void place(V1PodSpec pod, PodOptions options) {
        options.imagePullSecrets().forEach(name -> pod.addImagePullSecretsItem(new V1LocalObjectReference().name(name)));
        if (!options.nodeSelector().isEmpty()) {
            pod.nodeSelector(new TreeMap<>(options.nodeSelector()));
        }
        options.tolerations().forEach(toleration -> pod.addTolerationsItem(toleration(toleration)));
        if (options.priorityClassName() != null) {
            pod.priorityClassName(options.priorityClassName());
        }
    }

    /** {@code key[=value]:Effect}, as validated when the project was saved. */
    private static V1Toleration toleration(String text) {
        int colon = text.lastIndexOf(':');
        String keyValue = text.substring(0, colon);
        int equals = keyValue.indexOf('=');
        var toleration = new V1Toleration().effect(text.substring(colon + 1));
        return equals < 0 ? toleration.key(keyValue).operator("Exists")
                : toleration.key(keyValue.substring(0, equals)).operator("Equal").value(keyValue.substring(equals + 1));
    }

    private static V1ResourceRequirements resources(PodOptions options) {
        var quantities = new TreeMap<String, Quantity>();
        if (options.cpu() != null) {
            quantities.put("cpu", Quantity.fromString(options.cpu()));
        }
        if (options.memory() != null) {
            quantities.put("memory", Quantity.fromString(options.memory()));
        }
        return quantities.isEmpty() ? null : new V1ResourceRequirements().requests(quantities).limits(quantities);
    }

    private static V1ResourceRequirements helperResources(HelperResources helpers) {
        return new V1ResourceRequirements()
                .requests(Map.of("cpu", Quantity.fromString(helpers.cpuRequest()),
                        "memory", Quantity.fromString(helpers.memoryRequest())))
                .limits(Map.of("cpu", Quantity.fromString(helpers.cpuLimit()),
                        "memory", Quantity.fromString(helpers.memoryLimit())));
    }

    /**
     * What the restricted Pod Security Standard asks of every container. A read-only root file system is added
     * to each: Flowrunner's own containers write only to their volumes, the runner to its own {@code /tmp}
     * (browser profiles, caches under a home pointed there) and the results directory, unless its project says its
     * tools must write elsewhere in the image.
     */
    private static V1SecurityContext restricted() {
        return new V1SecurityContext().allowPrivilegeEscalation(false).runAsNonRoot(true)
                .capabilities(new V1Capabilities().drop(List.of("ALL")));
    }

    private static List<V1EnvVar> plain(Map<String, String> variables) {
        var vars = new ArrayList<V1EnvVar>();
        variables.forEach((name, value) -> vars.add(new V1EnvVar().name(name).value(value)));
        return vars;
    }

    private static String secretName(String reference) {
        return reference.substring(0, reference.indexOf('/'));
    }

    private static String secretKey(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }

    private static V1EnvVar secretRef(String name, String secret, String key) {
        return new V1EnvVar().name(name).valueFrom(new V1EnvVarSource()
                .secretKeyRef(new V1SecretKeySelector().name(secret).key(key)));
    }

    /** The batch's scenarios for its collector, which stores each one's folder as its test case ends. */
    private static String members(WorkerSpec spec) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (BatchProgress.Member member : spec.members()) {
            JsonObjectBuilder m = Json.createObjectBuilder().add("key", member.attempt().scenarioKey())
                    .add("feature", member.scenario().feature()).add("prefix", member.attempt().artifactPrefix());
            if (member.scenario().line() != null) {
                m.add("line", member.scenario().line());
            }
            if (member.scenario().name() != null) {
                m.add("name", member.scenario().name());
            }
            members.add(m);
        }
        return members.build().toString();
    }
}
