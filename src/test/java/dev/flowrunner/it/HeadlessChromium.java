package dev.flowrunner.it;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

/**
 * The system's Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium; nothing is downloaded. Where they are missing the browser tests are skipped, unless
 * {@code FLOWRUNNER_REQUIRE_BROWSER} is set (CI sets it), then they fail.
 */
final class HeadlessChromium {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private HeadlessChromium() {
    }

    static boolean browserRequired() {
        return System.getenv("FLOWRUNNER_REQUIRE_BROWSER") != null;
    }

    static ChromeDriver start() {
        String browser = find("CHROME_BIN", BROWSERS);
        String driver = find("CHROMEDRIVER", DRIVERS);
        if (browser == null || driver == null) {
            String missing = "headless Chromium is not installed (apt-get install chromium chromium-driver)";
            if (browserRequired()) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        var options = new ChromeOptions();
        options.setBinary(browser);
        // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
        return new ChromeDriver(service, options);
    }

    /**
     * Signs the browser in as {@code user}: one page opened with the credentials in its address puts them in
     * Chromium's cache of HTTP credentials, which then answers Flowrunner's basic challenge for every later page,
     * API call and live channel of that origin, as after a person typed them into the browser's sign-in prompt.
     */
    static void signIn(ChromeDriver browser, String base, FlowrunnerClient.User user) {
        browser.get(base.replaceFirst("://", "://" + user.name() + ":" + user.password() + "@") + "/index.html");
    }

    /** Keeps what the browser shows as a test artifact: {@code target/screenshots/<name>.png}. */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    /**
     * What axe-core finds against WCAG 2.1 A and AA in the page the browser shows: one line per rule broken and
     * element, empty when there is nothing. The script comes from Deque's axe-core jar (a test dependency).
     */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityViolations(ChromeDriver browser) {
        try (var axe = HeadlessChromium.class.getResourceAsStream("/axe.min.js")) {
            if (axe == null) {
                throw new AssertionError("axe.min.js is not on the test class path");
            }
            browser.executeScript(new String(axe.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(result => done(result.violations.flatMap(v => v.nodes.map(n =>
                    `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`))),
                    error => done([`axe could not run: ${error}`]));
                """);
    }

    private static String find(String variable, List<String> candidates) {
        String configured = System.getenv(variable);
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }
}
