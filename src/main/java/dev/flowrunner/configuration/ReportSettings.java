package dev.flowrunner.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reports.
 *
 * @param gatherDelay  {@code flowrunner.report.delay-ms}: how long report requests are gathered before one build
 * @param directLinks  {@code flowrunner.report.direct-links}: hand out presigned S3 URLs instead of links through
 *                     Flowrunner
 * @param linkLifetime {@code flowrunner.report.link-seconds}: how long a presigned URL is valid
 * @param publicUrl    {@code flowrunner.public-url}: where people reach Flowrunner ({@code https://flowrunner.example.com}),
 *                     so that a report opened straight from the artifact store links back to its run and scenario
 *                     pages; without it those links are relative to the report's address in Flowrunner
 */
public record ReportSettings(Duration gatherDelay, boolean directLinks, Duration linkLifetime,
                             Optional<URI> publicUrl) implements AreaSettings {

    public static final String PUBLIC_URL = "flowrunner.public-url";

    public static ReportSettings read(SettingsSource source) {
        return new ReportSettings(Duration.ofMillis(source.wholeNumber("flowrunner.report.delay-ms", 2000, 0)),
                source.flag("flowrunner.report.direct-links", false),
                source.seconds("flowrunner.report.link-seconds", 900, 1),
                source.optional(PUBLIC_URL).filter(url -> !url.isBlank()).map(ReportSettings::publicUrl));
    }

    private static URI publicUrl(String text) {
        try {
            URI url = new URI(text.endsWith("/") ? text : text + "/");
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null
                    && url.getQuery() == null && url.getFragment() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new InvalidSettingException(PUBLIC_URL, "must be an http(s) address such as "
                + "https://flowrunner.example.com, not '" + text + "'");
    }
}
