package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.ScenarioDiscovery;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Location;
import io.cucumber.messages.types.PickleTag;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Discovers scenarios with the official Gherkin parser: its pickles are exactly what a Cucumber runner would run
 * (an outline's example rows one by one, tags inherited from the feature and the rule). Markdown features
 * ({@code .feature.md}, which cucumber-js runs) are read through {@link MarkdownGherkin}.
 */
@ApplicationScoped
public class GherkinScenarioDiscovery implements ScenarioDiscovery {

    /** Directories that hold dependencies or build output, never a suite's own features. */
    private static final Set<String> SKIPPED = Set.of("node_modules", ".git", "target", "build", ".gradle", "dist");
    static final int MAX_FILES = 5_000;
    private static final String MARKDOWN = ".feature.md";

    private final GherkinParser parser = GherkinParser.builder().includeSource(false)
            .includeGherkinDocument(false).includePickles(true).build();

    @Override
    public Discovered discover(Path root) {
        var scenarios = new ArrayList<DiscoveredScenario>();
        var problems = new ArrayList<String>();
        List<Path> files = featureFiles(root, problems);
        for (Path file : files) {
            String feature = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            try (Stream<Envelope> envelopes = parse(feature, file)) {
                envelopes.forEach(envelope -> {
                    envelope.getPickle().ifPresent(pickle -> scenarios.add(new DiscoveredScenario(feature,
                            pickle.getLocation().map(Location::getLine).orElse(0),
                            pickle.getName(), pickle.getTags().stream().map(PickleTag::getName).toList())));
                    envelope.getParseError().ifPresent(error -> problems.add(feature + ": " + error.getMessage()));
                });
            } catch (IOException | RuntimeException e) {
                problems.add(feature + ": " + e.getMessage());
            }
        }
        scenarios.sort(Comparator.comparing(DiscoveredScenario::feature).thenComparingInt(DiscoveredScenario::line));
        return new Discovered(scenarios, problems);
    }

    private Stream<Envelope> parse(String feature, Path file) throws IOException {
        if (!feature.endsWith(MARKDOWN)) {
            return parser.parse(file);
        }
        String gherkin = MarkdownGherkin.toGherkin(Files.readString(file));
        return parser.parse(feature, gherkin.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> featureFiles(Path root, List<String> problems) {
        var files = new ArrayList<Path>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if ((name.endsWith(".feature") || name.endsWith(MARKDOWN)) && attributes.isRegularFile()) {
                        files.add(file);
                    }
                    return files.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(root.relativize(file) + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(root + ": " + e.getMessage());
        }
        if (files.size() >= MAX_FILES) {
            problems.add("only the first " + MAX_FILES + " feature files were read");
        }
        return files;
    }
}
