package dev.flowrunner.api;

import dev.flowrunner.domain.PodOptions;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** What Kubernetes would refuse in a project's pod options, refused up front with the field that is wrong. */
final class PodOptionsRules {

    /** A container image reference: [registry[:port]/]path[:tag][@digest], lower-case path. */
    private static final Pattern IMAGE = Pattern.compile(
            "^(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@sha256:[a-f0-9]{64})?$");
    private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$");
    private static final Pattern DNS_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");
    private static final Pattern LABEL_KEY = Pattern.compile("^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");
    private static final Pattern TOLERATION = Pattern.compile(
            "^([A-Za-z0-9][-A-Za-z0-9_./]{0,252})(=([A-Za-z0-9][-A-Za-z0-9_.]{0,62}))?:(NoSchedule|PreferNoSchedule|NoExecute)$");

    private PodOptionsRules() {
    }

    static void check(PodOptions pod, BiConsumer<String, String> fail) {
        if (pod == null) {
            return;
        }
        if (pod.image() != null && !IMAGE.matcher(pod.image()).matches()) {
            fail.accept("pod.image", "must be an image reference such as registry.example.com/team/tests:1.2");
        }
        quantity("pod.cpu", pod.cpu(), "500m or 2", fail);
        quantity("pod.memory", pod.memory(), "512Mi or 2Gi", fail);
        names("pod.imagePullSecrets", pod.imagePullSecrets(), fail);
        names("pod.secretEnvFrom", pod.secretEnvFrom(), fail);
        if (pod.priorityClassName() != null && !DNS_NAME.matcher(pod.priorityClassName()).matches()) {
            fail.accept("pod.priorityClassName", "must be a Kubernetes object name");
        }
        for (Map.Entry<String, String> label : pod.nodeSelector().entrySet()) {
            if (!LABEL_KEY.matcher(label.getKey()).matches() || label.getValue() == null
                    || !LABEL_VALUE.matcher(label.getValue()).matches()) {
                fail.accept("pod.nodeSelector." + label.getKey(), "must be a node label key and value");
            }
        }
        List<String> tolerations = pod.tolerations();
        for (int i = 0; i < tolerations.size(); i++) {
            if (tolerations.get(i) == null || !TOLERATION.matcher(tolerations.get(i)).matches()) {
                fail.accept("pod.tolerations[" + i + "]",
                        "must read key[=value]:Effect, Effect one of NoSchedule, PreferNoSchedule, NoExecute");
            }
        }
    }

    private static void quantity(String field, String value, String example, BiConsumer<String, String> fail) {
        if (value != null && !QUANTITY.matcher(value).matches()) {
            fail.accept(field, "must be a Kubernetes quantity such as " + example);
        }
    }

    private static void names(String field, List<String> names, BiConsumer<String, String> fail) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || !DNS_NAME.matcher(names.get(i)).matches()) {
                fail.accept(field + "[" + i + "]", "must be the name of an existing Secret");
            }
        }
    }
}
