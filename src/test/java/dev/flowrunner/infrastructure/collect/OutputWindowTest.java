package dev.flowrunner.infrastructure.collect;

import dev.flowrunner.domain.OutputSlice;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputWindowTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyWholeLinesAreShownAndTheNextReadStartsAfterThem() {
        var window = new OutputWindow(Set.of());

        OutputSlice first = window.slice("stdout", 0, bytes("Given a cart\nWhen I pa"));
        assertEquals("Given a cart\n", first.text());
        assertEquals(13, first.nextOffset());

        OutputSlice nothingNew = window.slice("stdout", 13, bytes("When I pa"));
        assertEquals("", nothingNew.text(), "a line still being written waits for its end");
        assertEquals(13, nothingNew.nextOffset());
        assertFalse(nothingNew.capped());
    }

    @Test
    void secretValuesAreMaskedAndNeverCutInTwoEvenWhenTheySpanLines() {
        var window = new OutputWindow(Set.of("hunter-2\nline-two"));

        OutputSlice slice = window.slice("stdout", 0, bytes("login ok\npassword hunter-2\nline-two\n"));
        assertEquals("login ok\npassword ****\n", slice.text());

        OutputSlice split = window.slice("stdout", 0, bytes("login ok\npassword hunter-2\nline-t"));
        assertEquals("login ok\n", split.text(), "the value's first line waits for the rest of it");
        assertFalse(split.text().contains("hunter"));
    }

    @Test
    void aLineLongerThanASliceIsShownInPiecesNoneEndingInsideASecretOrACharacter() {
        var window = new OutputWindow(Set.of("s3cr3t-value"));
        String longLine = "é".repeat(OutputWindow.READ_BYTES / 2 - 3) + "xs3cr3t-value and more\n";
        byte[] read = bytes(longLine);

        OutputSlice piece = window.slice("stdout", 0, java.util.Arrays.copyOf(read, window.bytesToRead(0)));

        assertTrue(piece.nextOffset() < OutputWindow.READ_BYTES, "cut before the value that spans the slice's end");
        assertTrue(piece.text().endsWith("x"), piece.text().substring(piece.text().length() - 5));
        assertFalse(piece.text().contains("\uFFFD"), "no character cut in two");
    }

    @Test
    void theLiveViewStopsAtItsCap() {
        var window = new OutputWindow(Set.of());

        OutputSlice last = window.slice("stdout", OutputWindow.CAP_BYTES - 4, bytes("abc\ndef\n"));
        assertEquals("abc\n", last.text());
        assertTrue(last.capped());
        assertEquals(0, window.bytesToRead(OutputWindow.CAP_BYTES));
        assertTrue(window.slice("stdout", OutputWindow.CAP_BYTES, new byte[0]).capped());
    }
}
