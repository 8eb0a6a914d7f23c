package dev.flowrunner.api;

import dev.flowrunner.domain.ScenarioDiscovery.DiscoveredScenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioKeysTest {

    @Test
    void aNamedScenarioIsKnownByItsNameAndTwinsAreNumbered() {
        var keys = new ScenarioKeys();

        assertEquals("paying-by-card", keys.suggest(scenario("features/pay.feature", 5, "Paying by card")));
        assertEquals("paying-by-card-2", keys.suggest(scenario("features/pay2.feature", 9, "Paying by card")));
    }

    @Test
    void aScenarioWithoutANameIsKnownByItsFeatureFileAndLine() {
        var keys = new ScenarioKeys();

        assertEquals("checkout-12", keys.suggest(scenario("features/shop/checkout.feature", 12, "")));
        assertEquals("checkout-20", keys.suggest(scenario("features/shop/checkout.feature", 20, "  ")));
        assertEquals("cli-7", keys.suggest(scenario("features/cli.feature.md", 7, "—")));
        String longName = "a".repeat(60);
        assertEquals("a".repeat(Keys.MAX - 5) + "-1234", keys.suggest(scenario("features/" + longName + ".feature",
                1234, "")), "the line is kept whole within the key's length");
    }

    private static DiscoveredScenario scenario(String feature, int line, String name) {
        return new DiscoveredScenario(feature, line, name, List.of());
    }
}
