package dev.flowrunner.api;

import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.Project;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A project as the API shows it: its secrets by name only — stored, or which Kubernetes Secret they come from. */
public record ProjectView(String id, String name, List<String> command, String workingDirectory,
                          Map<String, String> testData, PodOptions pod, Map<String, SecretView> secrets) {

    /** {@code stored}: Flowrunner keeps the value sealed; {@code secretRef}: an existing Kubernetes Secret's key. */
    public record SecretView(boolean stored, String secretRef) {
    }

    static ProjectView of(Project p) {
        var secrets = new TreeMap<String, SecretView>();
        p.secrets().sealed().keySet().forEach(name -> secrets.put(name, new SecretView(true, null)));
        p.secrets().references().forEach((name, ref) -> secrets.put(name, new SecretView(false, ref)));
        return new ProjectView(p.id(), p.name(), p.command(), p.workingDirectory(), p.testData(), p.pod(), secrets);
    }
}
