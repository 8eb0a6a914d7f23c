package dev.flowrunner.infrastructure.cucumber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageAttachmentsTest {

    @TempDir
    Path dir;

    @Test
    void aTextAttachmentOfARealCucumberJsRunBecomesAFile() throws IOException {
        Path messages = dir.resolve("messages.ndjson");
        try (InputStream in = getClass().getResourceAsStream("/cucumber-messages/passed-with-attachment.ndjson")) {
            Files.copy(in, messages);
        }

        List<MessageAttachments.File> files = MessageAttachments.in(messages);

        assertEquals(1, files.size());
        assertEquals("01-attachment.txt", files.get(0).name());
        assertEquals("text/plain", files.get(0).mediaType());
        assertTrue(new String(files.get(0).content(), StandardCharsets.UTF_8).contains("TOTAL\t13.50"));
    }

    @Test
    void base64BodiesAreDecodedAndFileNamesCannotLeaveTheAttemptsPrefix() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Path messages = dir.resolve("messages.ndjson");
        Files.writeString(messages, "{\"attachment\":{\"body\":\"" + Base64.getEncoder().encodeToString(png)
                + "\",\"contentEncoding\":\"BASE64\",\"mediaType\":\"image/png\",\"fileName\":\"../../etc/sh ot.png\"}}\n"
                + "{\"attachment\":{\"body\":\"cut sho");

        List<MessageAttachments.File> files = MessageAttachments.in(messages);

        assertEquals(1, files.size(), "the line cut short is skipped");
        assertEquals("01-sh_ot.png", files.get(0).name());
        assertArrayEquals(png, files.get(0).content());
    }

    @Test
    void theFilesBytesGiveTheSameAttachmentsAsTheFile() throws IOException {
        Path messages = dir.resolve("messages.ndjson");
        try (InputStream in = getClass().getResourceAsStream("/cucumber-messages/passed-with-attachment.ndjson")) {
            Files.copy(in, messages);
        }
        Files.writeString(messages, "{\"attachment\":{\"body\":\"prix : 3 €\",\"contentEncoding\":\"IDENTITY\","
                + "\"mediaType\":\"text/plain\"}}\r\n{\"attachment\":{\"body\":\"cut", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        List<MessageAttachments.File> fromFile = MessageAttachments.in(messages);
        List<MessageAttachments.File> fromBytes = MessageAttachments.in(Files.readAllBytes(messages));

        assertEquals(2, fromFile.size());
        assertEquals(fromFile.stream().map(MessageAttachments.File::name).toList(),
                fromBytes.stream().map(MessageAttachments.File::name).toList());
        for (int i = 0; i < fromFile.size(); i++) {
            assertArrayEquals(fromFile.get(i).content(), fromBytes.get(i).content());
        }
        assertEquals("prix : 3 €", new String(fromBytes.get(1).content(), StandardCharsets.UTF_8));
    }
}
