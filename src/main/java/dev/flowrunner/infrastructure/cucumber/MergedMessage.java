package dev.flowrunner.infrastructure.cucumber;

import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.types.Envelope;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.logging.Logger;

/** A message of the merged stream, as text (what the HTML page embeds) and as the formatters read it. */
record MergedMessage(String json, Envelope envelope) {

    private static final Logger LOG = Logger.getLogger(MergedMessage.class.getName());
    private static final Deserializer DESERIALIZER = new Deserializer();

    /** Null when the formatters cannot read the message (a newer protocol, or a field their schema requires). */
    static MergedMessage read(JsonObject message) {
        String json = message.toString();
        try {
            return new MergedMessage(json, DESERIALIZER.readValue(json));
        } catch (IOException | RuntimeException unreadable) {
            LOG.fine(() -> "the report formatters cannot read a message: " + unreadable.getMessage());
            return null;
        }
    }
}
