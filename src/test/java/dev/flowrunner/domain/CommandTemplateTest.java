package dev.flowrunner.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandTemplateTest {

    @Test
    void placeholdersAreReplacedInsideTheirOwnArgument() {
        List<String> argv = CommandTemplate.render(
                List.of("npx", "cucumber-js", "{feature}:{line}", "--format", "message:{resultsDir}/m.ndjson"),
                Map.of("feature", "features/a b.feature", "line", "12", "resultsDir", "/tmp/r"));

        assertEquals(List.of("npx", "cucumber-js", "features/a b.feature:12", "--format", "message:/tmp/r/m.ndjson"),
                argv);
    }

    @Test
    void valuesFullOfShellAndTemplateCharactersStayOneUnchangedArgument() {
        String name = "a;$(rm -rf /) `id` 'q' \"d\" {feature} $HOME \\";

        List<String> argv = CommandTemplate.render(List.of("--name", "{name}"), Map.of("name", name, "feature", "X"));

        assertEquals(List.of("--name", name), argv, "a value is never scanned for placeholders again");
    }

    @Test
    void unknownPlaceholdersAndPlainBracesAreLeftAsWritten() {
        assertEquals(List.of("{nope}", "{}", "json={\"a\":1}"),
                CommandTemplate.render(List.of("{nope}", "{}", "json={\"a\":1}"), Map.of()));
    }

    @Test
    void aListPlaceholderBecomesOneArgumentPerValueWhereItStandsAlone() {
        List<String> locations = List.of("features/a b.feature:3", "features/c.feature.md:12", "x;$(id)");

        List<String> argv = CommandTemplate.render(List.of("cucumber-js", "{locations}", "--x={locations}", "{line}"),
                Map.of("line", "3"), Map.of("locations", locations));

        assertEquals(List.of("cucumber-js", "features/a b.feature:3", "features/c.feature.md:12", "x;$(id)",
                "--x={locations}", "3"), argv, "inside another argument it is not a list; values stay data");
        assertEquals(List.of("run"), CommandTemplate.render(List.of("run", "{locations}"), Map.of(),
                Map.of("locations", List.of())));
    }

    @Test
    void namesListsThePlaceholdersATemplateUses() {
        assertEquals(List.of("feature", "line", "resultsDir"),
                CommandTemplate.names(List.of("x", "{feature}:{line}", "--out={resultsDir}")));
    }
}
