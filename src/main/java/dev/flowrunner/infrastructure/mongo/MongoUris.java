package dev.flowrunner.infrastructure.mongo;

import java.util.Locale;

/** Connection-string options Flowrunner sets unless the operator's URI says otherwise. */
final class MongoUris {

    private MongoUris() {
    }

    /**
     * How long an operation waits for a usable server. MongoDB's default (30 s) would fail writes during an outage
     * as long as a restart or a failover; waiting a little longer lets runs go on where they were once it is back
     * (readiness says DOWN meanwhile, so no new traffic comes).
     */
    static String withServerSelectionTimeout(String uri, long seconds) {
        if (uri.toLowerCase(Locale.ROOT).contains("serverselectiontimeoutms=")) {
            return uri;
        }
        String option = "serverSelectionTimeoutMS=" + seconds * 1000;
        if (uri.contains("?")) {
            return uri + (uri.endsWith("?") || uri.endsWith("&") ? "" : "&") + option;
        }
        int hosts = uri.indexOf("://") + 3;
        return uri + (uri.indexOf('/', hosts) >= 0 ? "?" : "/?") + option;
    }
}
