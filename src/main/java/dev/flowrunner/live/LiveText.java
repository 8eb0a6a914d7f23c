package dev.flowrunner.live;

/** Close reasons are limited to 123 bytes: an identifier from the URL is clipped to fit. */
final class LiveText {

    private static final int MAX = 80;

    private LiveText() {
    }

    static String clip(String text) {
        String ascii = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return ascii.length() <= MAX ? ascii : ascii.substring(0, MAX) + "…";
    }
}
