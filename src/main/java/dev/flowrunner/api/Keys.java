package dev.flowrunner.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Keys are lower-case slugs: safe in job XML ids, artifact paths, pod names and URLs. */
final class Keys {

    static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX = 40;

    private Keys() {
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "x" : slug;
    }

    static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }
}
