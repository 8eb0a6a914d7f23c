package dev.flowrunner.domain;

import dev.flowrunner.domain.AttemptKey;

import java.util.List;

/** The files of a run's report, under {@code runs/<runId>/report/}. */
public final class ReportFiles {

    public static final String INDEX = "index.html";
    public static final String CUCUMBER_HTML = "cucumber.html";
    public static final String JUNIT_XML = "junit.xml";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String MESSAGES = "messages.ndjson";
    public static final List<String> ALL = List.of(INDEX, CUCUMBER_HTML, JUNIT_XML, SUMMARY_JSON, MESSAGES);
    /** What the official Cucumber formatters write from every attempt's messages; a running run's, on demand. */
    public static final List<String> CUCUMBER_PARTS = List.of(CUCUMBER_HTML, JUNIT_XML, MESSAGES);
    /** The index page of a run in progress reloads itself this often: no one sees its report change faster. */
    public static final int REFRESH_SECONDS = 10;

    private ReportFiles() {
    }

    public static String runPrefix(String runId) {
        return AttemptKey.RUNS_ROOT + "/" + runId + "/";
    }

    public static String key(String runId, String file) {
        return runPrefix(runId) + "report/" + file;
    }
}
