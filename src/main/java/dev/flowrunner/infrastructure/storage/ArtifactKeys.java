package dev.flowrunner.infrastructure.storage;

import java.util.regex.Pattern;

/** Keys are relative paths of safe segments: never absolute, never climbing out with "..". */
final class ArtifactKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._@+=-][A-Za-z0-9._@+= -]*");

    private ArtifactKeys() {
    }

    static String check(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("not an artifact key: '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("not an artifact key: '" + key + "'");
            }
        }
        return key;
    }

    /** A prefix is a key, or empty for everything; a trailing '/' is allowed. */
    static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return check(bare) + "/";
    }
}
