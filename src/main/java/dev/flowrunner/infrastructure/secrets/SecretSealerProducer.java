package dev.flowrunner.infrastructure.secrets;

import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.configuration.SecretSettings;
import dev.flowrunner.domain.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The key that seals project secrets: {@code flowrunner.secrets.key} (base64 of 32 random bytes; production sets it
 * from a Secret), or — on the embedded default, where none is configured — a key generated once into
 * {@code <data dir>/secrets.key}, readable by its owner only.
 */
@ApplicationScoped
public class SecretSealerProducer {

    private static final Logger LOG = Logger.getLogger(SecretSealerProducer.class.getName());

    @Inject
    SecretSettings settings;
    @Inject
    DataDirectory dataDirectory;

    @Produces
    @ApplicationScoped
    SecretSealer sealer() {
        return new AesGcmSecretSealer(new SecretKeySpec(keyBytes(), "AES"));
    }

    private byte[] keyBytes() {
        if (settings.sealingKey().isPresent()) {
            return settings.sealingKey().get();
        }
        Path file = dataDirectory.resolve("secrets.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[SecretSettings.KEY_BYTES];
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
            return SecretSettings.decodeKey(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the secrets key " + file + " cannot be read or written", e);
        }
    }
}
