package dev.flowrunner.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Keys are lower-case slugs: safe in job XML ids, artifact paths, pod names and URLs. */
final class Keys {

    static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final int MAX = 40;

    private Keys() {
    }

    static String slug(String text) {
        String slug = slugOrEmpty(text, MAX);
        return slug.isEmpty() ? "x" : slug;
    }

    /** The text's slug of at most {@code max} characters; empty when the text holds no letter or digit. */
    static String slugOrEmpty(String text, int max) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > max ? slug.substring(0, max).replaceAll("-+$", "") : slug;
    }

    static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }
}
