package dev.flowrunner.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code {placeholder}}s inside the arguments of an argv template. Each argument stays one argument
 * whatever the values contain, and values are never scanned again, so a scenario name full of {@code ;$()'"}
 * or braces is just data. A list placeholder ({@code {locations}}) is an argument of its own and becomes one
 * argument per value.
 */
public final class CommandTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private CommandTemplate() {
    }

    public static List<String> render(List<String> template, Map<String, String> values) {
        return render(template, values, Map.of());
    }

    /** @param lists values of the list placeholders, each expanded where it stands as a whole argument */
    public static List<String> render(List<String> template, Map<String, String> values,
                                      Map<String, List<String>> lists) {
        var argv = new ArrayList<String>(template.size());
        for (String argument : template) {
            String whole = wholePlaceholder(argument);
            List<String> expanded = whole == null ? null : lists.get(whole);
            if (expanded != null) {
                argv.addAll(expanded);
            } else {
                argv.add(renderArgument(argument, values));
            }
        }
        return argv;
    }

    /** The placeholder an argument consists of, or null if it is anything else. */
    public static String wholePlaceholder(String argument) {
        Matcher matcher = PLACEHOLDER.matcher(argument);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static String renderArgument(String argument, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(argument);
        var rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** Placeholder names a template may use; anything else in braces is left as written. */
    public static List<String> names(List<String> template) {
        var names = new ArrayList<String>();
        for (String argument : template) {
            Matcher matcher = PLACEHOLDER.matcher(argument);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
