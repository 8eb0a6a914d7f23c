package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.RunView.AttemptView;
import dev.flowrunner.domain.RunView.FlowView;
import dev.flowrunner.domain.RunView.GroupView;
import dev.flowrunner.domain.RunView.ScenarioView;
import dev.flowrunner.domain.WorkerBatch;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report's entry page: run › flow › group › scenario › attempt, each attempt linking every file it left. Links
 * are relative to {@code runs/<runId>/report/}, so the page works wherever the run's prefix is served from.
 * <p>
 * Written out a few scenarios at a time: a page of a few hundred scenarios is a megabyte and more, rewritten every few
 * seconds while its run goes on, and an array that large is one the JVM's collector (G1) allocates outside its young
 * generation; once the heap is as full as G1 lets it get, each such array starts a marking of the whole heap. Pages
 * held whole started all of a busy server's concurrent collection cycles.
 */
final class IndexPage {

    /** How much of the page is held before it is written out. */
    private static final int HELD = 16 * 1024;

    private final StringBuilder html = new StringBuilder(HELD + 4 * 1024);
    private final Writer out;
    private final String flowrunnerPages;

    private IndexPage(Writer out, String flowrunnerPages) {
        this.out = out;
        this.flowrunnerPages = flowrunnerPages;
    }

    /**
     * @param filesByAttempt each attempt's files, relative to the attempt's prefix, by the attempt's prefix relative
     *                       to the run's ({@code <flow>/<group>/<scenario>/attempt-<n>})
     * @param flowrunnerPages where links to Flowrunner's pages (the run's board, a scenario's history) start, ending
     *                        in a slash
     */
    static void write(RunView run, boolean complete, Instant builtAt, Map<String, List<String>> filesByAttempt,
                      List<LeftOut> leftOutOfCucumberReport, String flowrunnerPages, Writer out) throws IOException {
        new IndexPage(out, flowrunnerPages).page(run, complete, builtAt, filesByAttempt, leftOutOfCucumberReport);
    }

    /** The page as one string, for a small run. */
    static String render(RunView run, boolean complete, Instant builtAt, Map<String, List<String>> filesByAttempt,
                         List<LeftOut> leftOutOfCucumberReport, String flowrunnerPages) {
        var page = new StringWriter();
        try {
            write(run, complete, builtAt, filesByAttempt, leftOutOfCucumberReport, flowrunnerPages, page);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return page.toString();
    }

    private void page(RunView run, boolean complete, Instant builtAt, Map<String, List<String>> filesByAttempt,
                      List<LeftOut> leftOut) throws IOException {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (!complete) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(ReportFiles.REFRESH_SECONDS)
                    .append("\">\n");
        }
        html.append("<title>").append(text(run.executionName())).append(" — run ").append(text(run.id()))
                .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(text(run.executionName())).append(" — run <code>").append(text(run.id())).append("</code></h1>\n<p>")
                .append(badge(run.status())).append(" started ").append(text(run.createdAt()))
                .append(run.endedAt() != null ? ", ended " + text(run.endedAt()) : "")
                .append(" · trigger ").append(text(run.trigger())).append(" · plan version ").append(run.planVersion())
                .append(run.round() > 0 ? " · " + run.round() + " re-run(s) of failures" : "").append("</p>\n");
        if (run.problem() != null) {
            html.append("<p class=\"problem\" role=\"alert\">").append(text(run.problem())).append("</p>\n");
        }
        RunView.Counts c = run.counts();
        html.append("<p class=\"counts\">").append(c.scenarios()).append(" scenarios: ").append(c.passed())
                .append(" passed, ").append(c.flaky()).append(" flaky, ").append(c.skipped()).append(" skipped, ")
                .append(c.failed()).append(" failed, ")
                .append(c.running()).append(" running, ").append(c.queued()).append(" queued, ").append(c.pending())
                .append(" not run</p>\n");
        html.append("<p role=\"status\">").append(complete ? "Final report"
                        : "Report in progress, updated as attempts finish (this page reloads every "
                        + ReportFiles.REFRESH_SECONDS + " s)").append(", written ").append(text(builtAt)).append(".</p>\n")
                .append("<nav><a href=\"").append(ReportFiles.CUCUMBER_HTML).append("\">Cucumber report</a> · <a href=\"")
                .append(ReportFiles.JUNIT_XML).append("\">JUnit XML</a> · <a href=\"").append(ReportFiles.SUMMARY_JSON)
                .append("\">summary (JSON)</a> · <a href=\"").append(ReportFiles.MESSAGES).append("\">merged Cucumber messages</a>")
                .append(" · <a href=\"").append(text(flowrunnerPages + "run.html?id=" + query(run.id())))
                .append("\">the run's board</a></nav>\n")
                .append("</header>\n<main>\n");
        leftOut(leftOut);
        for (FlowView flow : run.flows()) {
            flow(run.projectId(), flow, filesByAttempt);
        }
        html.append("</main>\n</body>\n</html>\n");
        writeHeld();
    }

    private void writeHeld() throws IOException {
        out.append(html);
        html.setLength(0);
    }

    /** Scenarios whose messages the Cucumber report could not show stay listed here, with their attempts' files. */
    private void leftOut(List<LeftOut> leftOut) {
        if (leftOut.isEmpty()) {
            return;
        }
        html.append("<section class=\"problem\" id=\"left-out\">\n<h2>Not in the Cucumber report</h2>\n<p>")
                .append(leftOut.size()).append(" scenario(s) could not be placed in the merged Cucumber report; their")
                .append(" results and files are below as usual.</p>\n<ul>\n");
        for (LeftOut scenario : leftOut) {
            html.append("<li><a href=\"#").append(text(scenario.scenarioKey())).append("\"><code>")
                    .append(text(scenario.scenarioKey())).append("</code></a>: ").append(text(scenario.reason()))
                    .append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private void flow(String projectId, FlowView flow, Map<String, List<String>> filesByAttempt) throws IOException {
        html.append("<section class=\"flow\">\n<h2>Flow ").append(text(flow.name())).append(' ').append(badge(flow.status()))
                .append("</h2>\n");
        if (flow.haltedAt() != null) {
            html.append("<p>Halted by group <code>").append(text(flow.haltedAt())).append("</code>.</p>\n");
        }
        if (flow.reason() != null) {
            html.append("<p>").append(text(flow.reason())).append("</p>\n");
        }
        for (GroupView group : flow.groups()) {
            html.append("<h3>").append(text(group.name())).append(' ').append(badge(group.status()))
                    .append(" <small>parallelism ").append(group.parallelism())
                    .append(group.continueOnFailure() ? ", continues on failure" : "").append("</small></h3>\n")
                    .append("<table>\n<thead><tr><th scope=\"col\">Scenario</th><th scope=\"col\">Status</th>")
                    .append("<th scope=\"col\">Attempts</th></tr></thead>\n<tbody>\n");
            for (ScenarioView scenario : group.scenarios()) {
                scenario(projectId, flow.key(), group.key(), scenario, filesByAttempt);
                if (html.length() >= HELD) {
                    // Between scenarios: a batch's note is inserted into its attempt's row, which is still held.
                    writeHeld();
                }
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    /** A scenario whose earlier runs show it flaky says so even when it passed at once this time. */
    private static String historyFlag(HistoryFlag history) {
        if (history == null || !history.flaky()) {
            return "";
        }
        return " <span class=\"flaky\" title=\"flakiness " + Math.round(history.score() * 100) + "% over "
                + history.runs() + " run(s)\">flaky history</span>";
    }

    private void scenario(String projectId, String flowKey, String groupKey, ScenarioView scenario,
                          Map<String, List<String>> files) {
        html.append("<tr id=\"").append(text(scenario.key())).append("\"><td>").append(text(scenario.name()))
                .append("<br><small><code>").append(text(scenario.feature()))
                .append(scenario.line() != null ? ":" + scenario.line() : "").append("</code> · <a href=\"")
                .append(text(flowrunnerPages + "scenario.html?project=" + query(projectId) + "&key="
                        + query(scenario.key()))).append("\">its history</a></small></td><td>")
                .append(badge(scenario.status())).append(scenario.flaky() ? " <span class=\"flaky\">flaky</span>" : "")
                .append(historyFlag(scenario.history())).append("</td><td>");
        if (scenario.attempts().isEmpty()) {
            html.append("—");
        } else {
            html.append("<ol>");
            for (AttemptView attempt : scenario.attempts()) {
                String prefix = flowKey + "/" + groupKey + "/" + scenario.key() + "/attempt-" + attempt.number();
                attempt(attempt, prefix, files.getOrDefault(prefix, List.of()));
                if (attempt.batch() != null) {
                    batch(attempt.batch(), flowKey + "/" + groupKey + "/" + AttemptKey.BATCHES + "/"
                            + attempt.batch().id(), files);
                }
            }
            html.append("</ol>");
        }
        html.append("</td></tr>\n");
    }

    private void attempt(AttemptView attempt, String prefix, List<String> files) {
        html.append("<li value=\"").append(attempt.number()).append("\">").append(badge(attempt.status()));
        if (attempt.round() > 0) {
            html.append(" re-run ").append(attempt.round());
        }
        if (attempt.durationMillis() != null) {
            html.append(' ').append(String.format(java.util.Locale.ROOT, "%.1f s", attempt.durationMillis() / 1000.0));
        }
        if (attempt.workerId() != null) {
            html.append(" on <code>").append(text(attempt.workerId())).append("</code>");
        }
        if (attempt.exitCode() != null) {
            html.append(", exit code ").append(attempt.exitCode());
        }
        if (attempt.failingStep() != null) {
            html.append("<br>step <q>").append(text(attempt.failingStep())).append("</q>");
        }
        if (attempt.errorMessage() != null) {
            html.append("<pre>").append(text(attempt.errorMessage())).append("</pre>");
        }
        if (!files.isEmpty()) {
            html.append("<br>");
            for (String file : files) {
                html.append("<a href=\"../").append(text(prefix)).append('/').append(text(file)).append("\">")
                        .append(text(file)).append("</a> ");
            }
        }
        html.append("</li>");
    }

    /** The batch an attempt shared its worker with, and the runner's logs, which are the whole batch's. */
    private void batch(WorkerBatch batch, String folder, Map<String, List<String>> files) {
        int end = html.lastIndexOf("</li>");
        var note = new StringBuilder("<br><small title=\"").append(text(batch.reason())).append("\">batch ")
                .append(text(batch.id())).append(" of ").append(batch.size()).append("</small>");
        for (String file : files.getOrDefault(folder, List.of())) {
            if (file.endsWith(".log")) {
                note.append(" <a href=\"../").append(text(folder)).append('/').append(text(file)).append("\">batch ")
                        .append(text(file)).append("</a>");
            }
        }
        html.insert(end, note);
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String badge(String status) {
        return "<span class=\"status " + text(status).toLowerCase(java.util.Locale.ROOT) + "\">" + text(status)
                + "</span>";
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        var escaped = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;line-height:1.4}
            table{border-collapse:collapse;width:100%;margin-bottom:1rem}
            th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}
            pre{white-space:pre-wrap;margin:.25rem 0;font-size:.85em}
            ol{margin:0;padding-left:1.5rem}
            .status{font-weight:600;padding:0 .3rem;border-radius:3px;background:#e6e6e6}
            .passed,.flaky_passed{background:#d3f0d3;color:#0b4d0b}
            .skipped{background:#eeeeee;color:#4a4a4a}
            .failed,.timed_out,.error{background:#f8d4d4;color:#7a0b0b}
            .problem{border-left:4px solid #a61b1b;padding:.3rem .6rem;background:#fbeaea}
            .running,.queued,.pending,.stopping{background:#dde8f8;color:#0b2e6b}
            .flaky{background:#fbe7c2;color:#5c3b00;padding:0 .3rem;border-radius:3px}
            """;
}
