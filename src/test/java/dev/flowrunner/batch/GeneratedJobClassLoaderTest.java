package dev.flowrunner.batch;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GeneratedJobClassLoaderTest {

    private final GeneratedJobClassLoader loader = new GeneratedJobClassLoader(getClass().getClassLoader(), "flow-a",
            "<job/>".getBytes(StandardCharsets.UTF_8));

    @Test
    void theJobXmlCanBeOpenedAsOftenAsTheRuntimeLikes() throws Exception {
        URL url = loader.getResource("META-INF/batch-jobs/flow-a.xml");

        for (int i = 0; i < 3; i++) {
            try (InputStream in = url.openStream()) {
                assertEquals("<job/>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (InputStream in = loader.getResourceAsStream("META-INF/batch-jobs/flow-a.xml")) {
            assertEquals("<job/>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyOtherResourceComesFromTheParent() {
        assertNull(loader.getResource("META-INF/batch-jobs/flow-b.xml"));
    }
}
