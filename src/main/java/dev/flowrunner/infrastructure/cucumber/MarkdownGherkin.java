package dev.flowrunner.infrastructure.cucumber;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown with Gherkin ({@code .feature.md}), which cucumber-js runs, as plain Gherkin for the official parser:
 * its Java edition reads plain Gherkin only. Line for line, so that every pickle keeps the line cucumber-js gives it.
 * As cucumber-js's Markdown reader does: a heading that starts with a keyword, a list item that starts with a step
 * keyword, a table indented by 2 to 5 spaces (its separator row left out), backticked tags and fenced doc strings are
 * Gherkin; the file's first line names the feature; any other line is prose, read as a blank line. English keywords.
 */
final class MarkdownGherkin {

    private static final Pattern HEADING = Pattern.compile(
            "#{1,6}\\s+((?:Feature|Background|Scenario Outline|Scenario Template|Scenario|Example|Rule|Examples"
                    + "|Scenarios):.*)");
    private static final Pattern STEP = Pattern.compile("\\s*[*+-]\\s*((?:Given|When|Then|And|But)\\s.*)");
    private static final Pattern TABLE_ROW = Pattern.compile("\\s{2,5}\\|.*");
    private static final Pattern SEPARATOR_ROW = Pattern.compile("\\s*\\|(\\s*:?-+:?\\s*\\|)+\\s*");
    private static final Pattern TAG = Pattern.compile("`(@[^`\\s]+)`");
    private static final Pattern FENCE = Pattern.compile("\\s*(```|\"\"\").*");

    private MarkdownGherkin() {
    }

    static String toGherkin(String markdown) {
        var gherkin = new StringBuilder();
        boolean featureNamed = false;
        String openFence = null;
        for (String line : markdown.split("\r?\n", -1)) {
            Matcher fence = FENCE.matcher(line);
            List<String> tags = openFence == null ? tags(line) : List.of();
            if (openFence != null) {
                gherkin.append(line);
                if (fence.matches() && fence.group(1).equals(openFence)) {
                    openFence = null;
                }
            } else if (fence.matches()) {
                gherkin.append(line);
                openFence = fence.group(1);
            } else if (!tags.isEmpty()) {
                gherkin.append(String.join(" ", tags));
            } else if (!featureNamed) {
                Matcher heading = HEADING.matcher(line);
                gherkin.append(heading.matches() && heading.group(1).startsWith("Feature:") ? heading.group(1)
                        : "Feature: " + line.strip());
                featureNamed = true;
            } else {
                gherkin.append(gherkinOf(line));
            }
            gherkin.append('\n');
        }
        return gherkin.toString();
    }

    private static String gherkinOf(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            return heading.group(1);
        }
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            return step.group(1);
        }
        return TABLE_ROW.matcher(line).matches() && !SEPARATOR_ROW.matcher(line).matches() ? line : "";
    }

    private static List<String> tags(String line) {
        var tags = new ArrayList<String>();
        Matcher tag = TAG.matcher(line);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        return tags;
    }
}
