package dev.flowrunner.infrastructure.secrets;

import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AesGcmSecretSealerTest {

    private final AesGcmSecretSealer sealer = new AesGcmSecretSealer(key((byte) 1));

    @Test
    void aSealedValueOpensToItselfAndNeverShowsIt() {
        String sealed = sealer.seal("s3cr3t-påss");

        assertEquals("s3cr3t-påss", sealer.open(sealed));
        assertFalse(sealed.contains("s3cr3t"));
        assertNotEquals(sealed, sealer.seal("s3cr3t-påss"), "a fresh nonce each time");
    }

    @Test
    void aTamperedValueOrAnotherKeyFailsWithoutSayingWhatItHeld() {
        String sealed = sealer.seal("s3cr3t");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        var refused = assertThrows(IllegalStateException.class, () -> sealer.open(tampered));
        assertThrows(IllegalStateException.class, () -> new AesGcmSecretSealer(key((byte) 2)).open(sealed));
        assertFalse(refused.getMessage().contains("s3cr3t"));
    }

    private static SecretKeySpec key(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new SecretKeySpec(key, "AES");
    }
}
