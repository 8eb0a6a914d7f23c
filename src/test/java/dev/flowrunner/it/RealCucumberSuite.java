package dev.flowrunner.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated cucumber-js project of many short scenarios with real step definitions, run by the real cucumber-js of
 * the example project: plain scenarios, outlines, backgrounds, attachments, Markdown features, a few scenarios that
 * fail and a few that a hook skips — the shape of a real team's suite, for benchmarks.
 */
final class RealCucumberSuite {

    /** Test cases per feature file: seven scenarios and an outline of two rows. */
    static final int PER_FEATURE = 9;

    /** One test case of the suite: where it is, and what cucumber-js will say of it. */
    record Case(String key, String feature, int line, String expected) {
        String location() {
            return feature + ":" + line;
        }
    }

    private final Path dir;
    private final List<Case> cases;

    private RealCucumberSuite(Path dir, List<Case> cases) {
        this.dir = dir;
        this.cases = List.copyOf(cases);
    }

    Path dir() {
        return dir;
    }

    List<Case> cases() {
        return cases;
    }

    /** The cucumber-js entry point the example project installed (npm ci runs before the integration tests). */
    static Path cucumberJs() {
        return Path.of(System.getProperty("flowrunner.example.dir", "examples/cucumber-js"), "node_modules",
                "@cucumber", "cucumber", "bin", "cucumber.js").toAbsolutePath();
    }

    /** Writes {@code features} feature files (every tenth in Markdown) and their step definitions into {@code dir}. */
    static RealCucumberSuite write(Path dir, int features) {
        try {
            Files.createDirectories(dir.resolve("features/support"));
            Path modules = dir.resolve("node_modules");
            if (!Files.exists(modules)) {
                Files.createSymbolicLink(modules, cucumberJs().getParent().getParent().getParent().getParent());
            }
            Files.writeString(dir.resolve("features/support/steps.js"), STEPS);
            var cases = new ArrayList<Case>();
            for (int f = 1; f <= features; f++) {
                boolean markdown = f % 10 == 0;
                String name = String.format("features/area-%02d.feature%s", f, markdown ? ".md" : "");
                Files.writeString(dir.resolve(name), markdown ? markdown(f, name, cases) : gherkin(f, name, cases));
            }
            return new RealCucumberSuite(dir, cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gherkin(int f, String file, List<Case> cases) {
        var text = new Lines();
        text.add("Feature: Area " + f);
        text.add("");
        DESCRIPTION.lines().forEach(line -> text.add("  " + line));
        text.add("");
        text.add("  Background:");
        text.add("    Given a fresh shop with the catalogue:");
        text.add("      \"\"\"");
        CATALOGUE.lines().forEach(line -> text.add("      " + line));
        text.add("      \"\"\"");
        for (int s = 1; s <= 7; s++) {
            text.add("");
            String expected = outcome(f, s);
            if (expected.equals("SKIPPED")) {
                text.add("  @skip");
            }
            cases.add(new Case(key(f, s), file, text.next(), expected));
            text.add("  Scenario: area " + f + " scenario " + s);
            text.add("    When the shopper adds " + s + " items");
            if (s == 4) {
                text.add("    And the page is attached");
            }
            text.add("    Then the cart holds " + (expected.equals("FAILED") ? s + 1 : s) + " items");
        }
        text.add("");
        text.add("  Scenario Outline: area " + f + " adds <n>");
        text.add("    When the shopper adds <n> items");
        text.add("    Then the cart holds <n> items");
        text.add("");
        text.add("    Examples:");
        text.add("      | n |");
        cases.add(new Case(key(f, 8), file, text.next(), "PASSED"));
        text.add("      | 2 |");
        cases.add(new Case(key(f, 9), file, text.next(), "PASSED"));
        text.add("      | 5 |");
        return text.toString();
    }

    private static String markdown(int f, String file, List<Case> cases) {
        var text = new Lines();
        text.add("# Area " + f + " in Markdown");
        text.add("");
        text.add("Prose about the area, as a Markdown feature carries it.");
        for (int s = 1; s <= 9; s++) {
            text.add("");
            cases.add(new Case(key(f, s), file, text.next(), "PASSED"));
            text.add("## Scenario: area " + f + " scenario " + s);
            text.add("");
            text.add("- Given a fresh shop");
            text.add("- When the shopper adds " + s + " items");
            text.add("- Then the cart holds " + s + " items");
        }
        return text.toString();
    }

    /** A scenario of every seventh feature fails; one of every eleventh is skipped by a hook. */
    private static String outcome(int f, int s) {
        if (f % 7 == 3 && s == 2) {
            return "FAILED";
        }
        return f % 11 == 5 && s == 6 ? "SKIPPED" : "PASSED";
    }

    private static String key(int f, int s) {
        return String.format("a%02d-s%d", f, s);
    }

    /** Text built line by line, knowing the number of the next line. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();
        private int lines;

        void add(String line) {
            text.append(line).append('\n');
            lines++;
        }

        int next() {
            return lines + 1;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * Real feature files carry prose and test data: cucumber-js repeats a feature file's source and Gherkin document
     * in every process's messages, and a background's doc string in every pickle, so a test case writes tens of KB.
     */
    private static final String DESCRIPTION = ("As a shopper I want my cart to hold what I put in it, so that what I"
            + " pay for is what I chose.\n").repeat(12);
    private static final String CATALOGUE = java.util.stream.IntStream.range(0, 24)
            .mapToObj(i -> "sku-%03d | a product of the catalogue with a long enough description | 19.99 EUR\n"
                    .formatted(i)).collect(java.util.stream.Collectors.joining());

    /** Short steps of a few milliseconds, as most of a real suite's are; one attaches a page snapshot. */
    private static final String STEPS = """
            const { Given, When, Then, Before, setDefaultTimeout } = require('@cucumber/cucumber');
            const assert = require('assert');
            setDefaultTimeout(20000);
            Before({ tags: '@skip' }, function () { return 'skipped'; });
            Given('a fresh shop', function () { this.items = 0; });
            Given('a fresh shop with the catalogue:', function (catalogue) {
              this.items = 0;
              this.catalogue = catalogue.split('\\n');
            });
            When('the shopper adds {int} items', async function (n) {
              await new Promise(resolve => setTimeout(resolve, 10));
              this.items += n;
            });
            When('the page is attached', function () {
              this.attach('<html><body>cart with ' + this.items + ' items</body></html>', 'text/html');
            });
            Then('the cart holds {int} items', function (n) { assert.strictEqual(this.items, n); });
            """;
}
