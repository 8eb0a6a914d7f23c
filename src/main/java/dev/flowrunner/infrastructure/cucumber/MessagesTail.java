package dev.flowrunner.infrastructure.cucumber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows a messages file while its runner appends to it: each call hands over the lines completed since the last
 * one. A line is complete at its newline; the unfinished rest waits for the next call, so a message is never read
 * half-written. Once the runner has ended, {@link #finish} hands over a last line without its newline too (a runner
 * that was killed may leave one; readers skip it if it is cut short).
 */
public final class MessagesTail {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final Consumer<String> lines;
    /** Allocated once: a file being followed is looked at again and again, mostly to find nothing new. */
    private ByteBuffer buffer;
    private long position;
    /** Bytes of a line whose newline has not been written yet. */
    private byte[] partial = new byte[0];

    public MessagesTail(Path file, Consumer<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Hands over the lines completed since the last call; none while the runner has not created the file. */
    public void poll() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < position) {
                throw new IllegalStateException(file + " shrank: it is not being appended to");
            }
            if (size == position) {
                return;
            }
            if (buffer == null) {
                buffer = ByteBuffer.allocate(CHUNK);
            }
            buffer.clear();
            int read;
            while ((read = channel.read(buffer, position)) > 0) {
                position += read;
                split(buffer.array(), read);
                buffer.clear();
            }
        } catch (NoSuchFileException notYet) {
            // The runner has not written its first message yet.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The runner has ended: hands over what is left, a last line without its newline included. */
    public void finish() {
        poll();
        if (partial.length > 0) {
            lines.accept(new String(partial, StandardCharsets.UTF_8));
            partial = new byte[0];
        }
    }

    private void split(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                emit(bytes, start, i);
                start = i + 1;
            }
        }
        if (start < length) {
            byte[] rest = new byte[partial.length + length - start];
            System.arraycopy(partial, 0, rest, 0, partial.length);
            System.arraycopy(bytes, start, rest, partial.length, length - start);
            partial = rest;
        }
    }

    private void emit(byte[] bytes, int start, int end) {
        byte[] line = new byte[partial.length + end - start];
        System.arraycopy(partial, 0, line, 0, partial.length);
        System.arraycopy(bytes, start, line, partial.length, end - start);
        partial = new byte[0];
        if (line.length > 0) {
            lines.accept(new String(line, StandardCharsets.UTF_8));
        }
    }
}
