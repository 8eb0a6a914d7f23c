package dev.flowrunner.configuration;

import java.time.Duration;

/**
 * Reports.
 *
 * @param gatherDelay  {@code flowrunner.report.delay-ms}: how long report requests are gathered before one build
 * @param directLinks  {@code flowrunner.report.direct-links}: hand out presigned S3 URLs instead of links through
 *                     Flowrunner
 * @param linkLifetime {@code flowrunner.report.link-seconds}: how long a presigned URL is valid
 */
public record ReportSettings(Duration gatherDelay, boolean directLinks, Duration linkLifetime)
        implements AreaSettings {

    public static ReportSettings read(SettingsSource source) {
        return new ReportSettings(Duration.ofMillis(source.wholeNumber("flowrunner.report.delay-ms", 2000, 0)),
                source.flag("flowrunner.report.direct-links", false),
                source.seconds("flowrunner.report.link-seconds", 900, 1));
    }
}
