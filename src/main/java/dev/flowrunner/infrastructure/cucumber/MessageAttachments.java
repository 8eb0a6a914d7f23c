package dev.flowrunner.infrastructure.cucumber;

import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.types.Attachment;
import io.cucumber.messages.types.AttachmentContentEncoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attachments a runner embedded in its Cucumber messages (screenshots, logs, documents), decoded into files so
 * they can be stored and linked one by one.
 */
public final class MessageAttachments {

    private static final Deserializer DESERIALIZER = new Deserializer();
    private static final String ATTACHMENT_LINE = "{\"attachment\"";
    private static final byte[] ATTACHMENT_BYTES = ATTACHMENT_LINE.getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> EXTENSIONS = Map.of("image/png", ".png", "image/jpeg", ".jpg",
            "image/gif", ".gif", "image/svg+xml", ".svg", "text/plain", ".txt", "text/html", ".html",
            "application/json", ".json", "application/pdf", ".pdf", "video/mp4", ".mp4", "text/csv", ".csv");

    public record File(String name, String mediaType, byte[] content) {
    }

    private MessageAttachments() {
    }

    /** The attachments in a messages file, in order, named {@code 01-<name>}, {@code 02-<name>}, …; unreadable lines skipped. */
    public static List<File> in(Path messages) throws IOException {
        var files = new ArrayList<File>();
        if (!Files.isRegularFile(messages)) {
            return files;
        }
        try (BufferedReader lines = Files.newBufferedReader(messages, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(ATTACHMENT_LINE)) {
                    add(line, files);
                }
            }
        }
        return files;
    }

    /**
     * As {@link #in(Path)}, from the file's bytes: only an attachment's line is decoded into text, and most lines
     * of a runner's messages are not attachments.
     */
    public static List<File> in(byte[] messages) {
        var files = new ArrayList<File>();
        for (int start = 0; start < messages.length; ) {
            int end = start;
            while (end < messages.length && messages[end] != '\n') {
                end++;
            }
            if (Arrays.equals(messages, start, Math.min(start + ATTACHMENT_BYTES.length, end), ATTACHMENT_BYTES, 0,
                    ATTACHMENT_BYTES.length)) {
                add(new String(messages, start, end - start, StandardCharsets.UTF_8).stripTrailing(), files);
            }
            start = end + 1;
        }
        return files;
    }

    private static void add(String line, List<File> files) {
        try {
            DESERIALIZER.readValue(line).getAttachment().ifPresent(a -> files.add(decode(a, files.size() + 1)));
        } catch (IOException | RuntimeException unreadable) {
            // A line cut short by a killed runner: the rest of the file still counts.
        }
    }

    private static File decode(Attachment attachment, int number) {
        byte[] content = attachment.getContentEncoding() == AttachmentContentEncoding.BASE64
                ? Base64.getMimeDecoder().decode(attachment.getBody())
                : attachment.getBody().getBytes(StandardCharsets.UTF_8);
        String mediaType = attachment.getMediaType();
        String name = attachment.getFileName().map(MessageAttachments::safe).filter(n -> !n.isEmpty())
                .orElse("attachment" + EXTENSIONS.getOrDefault(mediaType.toLowerCase(Locale.ROOT), ".bin"));
        return new File(String.format(Locale.ROOT, "%02d-%s", number, name), mediaType, content);
    }

    /** Keeps file names to characters that are safe in object keys and URLs. */
    private static String safe(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return cleaned.length() <= 100 ? cleaned : cleaned.substring(cleaned.length() - 100);
    }
}
