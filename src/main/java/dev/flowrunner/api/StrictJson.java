package dev.flowrunner.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The REST API reads JSON strictly: a field it does not know is refused (400, naming it) rather than dropped, so a
 * misspelt {@code "paralelism"} is not silently replaced by a default. Yasson's own switch; answers are unaffected.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
