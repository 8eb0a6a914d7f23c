package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.ScenarioDiscovery.Discovered;
import dev.flowrunner.domain.ScenarioDiscovery.DiscoveredScenario;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GherkinScenarioDiscoveryTest {

    @TempDir
    Path root;

    @Test
    void everyScenarioAndEveryExampleRowIsFoundWithItsLineAndInheritedTags() throws Exception {
        write("features/shop/pay.feature", """
                @payments
                Feature: Paying

                  @smoke
                  Scenario: Paying by card
                    Given a cart

                  Scenario Outline: Paying in <currency>
                    Given a price in <currency>

                    @europe
                    Examples:
                      | currency |
                      | EUR      |
                      | CHF      |
                """);

        Discovered found = new GherkinScenarioDiscovery().discover(root);

        assertEquals(List.of(
                new DiscoveredScenario("features/shop/pay.feature", 5, "Paying by card", List.of("@payments", "@smoke")),
                new DiscoveredScenario("features/shop/pay.feature", 14, "Paying in EUR", List.of("@payments", "@europe")),
                new DiscoveredScenario("features/shop/pay.feature", 15, "Paying in CHF", List.of("@payments", "@europe"))),
                found.scenarios());
        assertTrue(found.problems().isEmpty(), found.problems().toString());
    }

    /** The lines and tags are those cucumber-js gives the same file's pickles (its dry run's messages). */
    @Test
    void aMarkdownFeatureIsReadAsCucumberJsRunsIt() throws Exception {
        write("features/shop.feature.md", """
                # The shop, in Markdown

                Prose about the shop, with a list that is no step:

                - the catalogue is small
                - prices are in euros

                ## Background:

                * Given a catalogue:
                  ```
                  apples 3
                  ```

                `@smoke` `@cart`
                ## Scenario: adding to the cart

                - When the shopper adds 2 items
                - Then the cart holds 2 items

                A paragraph between scenarios.

                ## Scenario Outline: adding <n>

                - When the shopper adds <n> items
                - Then the cart holds <n> items

                ### Examples:

                  | n |
                  | - |
                  | 1 |
                  | 3 |

                ## Rule: bulk

                ### Example: a pallet

                + When the shopper adds 100 items
                + Then the cart holds 100 items
                """);

        Discovered found = new GherkinScenarioDiscovery().discover(root);

        String file = "features/shop.feature.md";
        assertEquals(List.of(new DiscoveredScenario(file, 16, "adding to the cart", List.of("@smoke", "@cart")),
                new DiscoveredScenario(file, 32, "adding 1", List.of()),
                new DiscoveredScenario(file, 33, "adding 3", List.of()),
                new DiscoveredScenario(file, 37, "a pallet", List.of())), found.scenarios());
        assertTrue(found.problems().isEmpty(), found.problems().toString());
    }

    @Test
    void aBrokenFileIsNamedAndTheOthersAreStillFoundButDependenciesAreNotSearched() throws Exception {
        write("features/ok.feature", "Feature: Fine\n  Scenario: Works\n    Given it works\n");
        write("features/broken.feature", "Feature: Broken\n  Scenario: Half\n    Given x\n  Nonsense here\n");
        write("node_modules/some-lib/features/theirs.feature", "Feature: Theirs\n  Scenario: Not ours\n");

        Discovered found = new GherkinScenarioDiscovery().discover(root);

        assertEquals(List.of("Works"), found.scenarios().stream().map(DiscoveredScenario::name).toList());
        assertEquals(1, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().get(0).startsWith("features/broken.feature: (4:3)"), found.problems().get(0));
    }

    @Test
    void theBundledExampleSuiteHoldsEveryScenarioItsExecutionNames() throws Exception {
        Discovered found = new GherkinScenarioDiscovery().discover(Path.of("examples/cucumber-js"));

        JsonObject execution;
        try (var reader = Json.createReader(Files.newBufferedReader(Path.of("examples/execution.json")))) {
            execution = reader.readObject();
        }
        List<String> named = execution.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .flatMap(f -> f.getJsonArray("groups").getValuesAs(JsonObject.class).stream())
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .map(s -> s.getString("feature") + ":" + s.getInt("line") + " " + s.getString("name")).toList();
        List<String> discovered = found.scenarios().stream().map(s -> s.feature() + ":" + s.line() + " " + s.name())
                .toList();
        assertEquals(17, named.size());
        assertTrue(discovered.containsAll(named), "missing: " + named.stream().filter(n -> !discovered.contains(n))
                .toList());
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
