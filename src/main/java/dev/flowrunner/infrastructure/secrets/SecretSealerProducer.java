package dev.flowrunner.infrastructure.secrets;

import dev.flowrunner.domain.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The key that seals project secrets: {@code flowrunner.secrets.key} (base64 of 32 random bytes; production sets it
 * from a Secret), or — on the embedded default, where none is configured — a key generated once into
 * {@code <data dir>/secrets.key}, readable by its owner only.
 */
@ApplicationScoped
public class SecretSealerProducer {

    private static final Logger LOG = Logger.getLogger(SecretSealerProducer.class.getName());
    private static final int KEY_BYTES = 32;

    @Inject
    @ConfigProperty(name = "flowrunner.secrets.key")
    Optional<String> configuredKey;
    @Inject
    @ConfigProperty(name = "flowrunner.data.dir")
    String dataDir;

    @Produces
    @ApplicationScoped
    SecretSealer sealer() {
        return new AesGcmSecretSealer(new SecretKeySpec(keyBytes(), "AES"));
    }

    private byte[] keyBytes() {
        Optional<String> configured = configuredKey.filter(k -> !k.isBlank());
        if (configured.isPresent()) {
            return decode(configured.get(), "flowrunner.secrets.key");
        }
        Path file = Path.of(dataDir, "secrets.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no such permissions
                }
                LOG.info(() -> "no flowrunner.secrets.key configured: generated one in " + file);
            }
            return decode(Files.readString(file).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the secrets key " + file + " cannot be read or written", e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64 (of 32 random bytes)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }
}
