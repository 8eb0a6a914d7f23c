package dev.flowrunner.configuration;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AreaSettingsTest {

    private static final SettingsSource NOTHING_SET = SettingsSource.of(Map.of());

    @Test
    void everyAreaHasItsDocumentedDefaults() {
        assertEquals(new WorkerSettings("local", 0, Duration.ofSeconds(5), Duration.ofMinutes(5)),
                WorkerSettings.read(NOTHING_SET));
        assertEquals(new HistorySettings(30, 0.2), HistorySettings.read(NOTHING_SET));
        assertEquals(new RetentionSettings(0, 0, Duration.ofMinutes(60), 365, 200),
                RetentionSettings.read(NOTHING_SET));
        assertEquals(new ReportSettings(Duration.ofMillis(2000), false, Duration.ofSeconds(900), Optional.empty()),
                ReportSettings.read(NOTHING_SET));
        assertEquals(new MongoSettings(Optional.empty(), "flowrunner", Duration.ofSeconds(120)),
                MongoSettings.read(NOTHING_SET));
        assertEquals(new BatchIdentitySettings("flowrunner-batch", Optional.empty()),
                BatchIdentitySettings.read(NOTHING_SET));
    }

    @Test
    void aServerLeadsAloneUnlessToldToElectItsLeaderThroughALease() {
        var alone = LeaderElectionSettings.read(NOTHING_SET);
        assertEquals(false, alone.onKubernetes());

        var elected = LeaderElectionSettings.read(SettingsSource.of(Map.of("flowrunner.leader-election", "kubernetes",
                "flowrunner.k8s.namespace", "qa", "flowrunner.leader-election.identity", "flowrunner-1")));
        assertEquals(List.of(true, "qa", "flowrunner-leader", "flowrunner-1"),
                List.of(elected.onKubernetes(), elected.namespace(), elected.leaseName(), elected.identity()));
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(7), Duration.ofSeconds(2)),
                List.of(elected.leaseDuration(), elected.renewDeadline(), elected.retryPeriod()));

        var refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> LeaderElectionSettings.read(SettingsSource.of(Map.of(
                        "flowrunner.leader-election.renew-deadline-seconds", "10"))));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("less than the lease duration"));
    }

    @Test
    void thePublicUrlIsAnHttpAddressEndingInASlash() {
        assertEquals(Optional.of(java.net.URI.create("https://flowrunner.example.com/qa/")), ReportSettings.read(
                SettingsSource.of(Map.of("flowrunner.public-url", "https://flowrunner.example.com/qa"))).publicUrl());
        var refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> ReportSettings.read(SettingsSource.of(Map.of("flowrunner.public-url", "flowrunner:9080"))));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("flowrunner.public-url"));
    }

    @Test
    void theFileStoreLivesUnderTheDataDirectoryUnlessGivenOne() {
        var underData = ArtifactStoreSettings.read(SettingsSource.of(Map.of("flowrunner.data.dir", "/srv/data")));
        assertEquals(Optional.of(Path.of("/srv/data/artifacts")), underData.directory());

        var elsewhere = ArtifactStoreSettings.read(SettingsSource.of(Map.of("flowrunner.data.dir", "/srv/data",
                "flowrunner.artifacts.dir", "/mnt/artifacts")));
        assertEquals(Optional.of(Path.of("/mnt/artifacts")), elsewhere.directory());

        assertEquals("flowrunner.artifacts.dir", assertThrows(InvalidSettingException.class,
                () -> ArtifactStoreSettings.read(NOTHING_SET)).key());
    }

    @Test
    void aPodsCollectorGetsTheStoreButNeverItsCredentials() {
        var settings = ArtifactStoreSettings.read(SettingsSource.of(Map.of("flowrunner.artifacts.store", "s3",
                "flowrunner.s3.endpoint", "http://minio:9000", "flowrunner.s3.bucket", "runs",
                "flowrunner.s3.access-key", "AKIA-EXAMPLE", "flowrunner.s3.secret-key", "very-secret")));

        assertEquals(Map.of("FLOWRUNNER_ARTIFACTS_STORE", "s3", "FLOWRUNNER_S3_ENDPOINT", "http://minio:9000",
                "FLOWRUNNER_S3_BUCKET", "runs", "FLOWRUNNER_S3_REGION", "us-east-1", "FLOWRUNNER_S3_PATH_STYLE", "true",
                "FLOWRUNNER_S3_PART_SIZE_MB", "16"), settings.forCollector());
        assertEquals(16L * 1024 * 1024, settings.s3().partSizeBytes());
        assertFalse(settings.toString().contains("very-secret") || settings.toString().contains("AKIA-EXAMPLE"));
    }

    @Test
    void kubernetesNeedsItsImagesAndChecksItsNumbers() {
        var images = Map.of("flowrunner.k8s.runner-image", "node:20", "flowrunner.k8s.flowrunner-image", "fr:1");
        var settings = KubernetesSettings.read(SettingsSource.of(images));
        assertEquals("default", settings.namespace());
        assertEquals(50, settings.apiQps());
        assertEquals(Duration.ofSeconds(180), settings.startGrace());

        assertEquals("flowrunner.k8s.runner-image", assertThrows(InvalidSettingException.class,
                () -> KubernetesSettings.read(NOTHING_SET)).key());
        var negativeQps = new java.util.HashMap<>(images);
        negativeQps.put("flowrunner.k8s.api-qps", "-5");
        assertEquals("flowrunner.k8s.api-qps", assertThrows(InvalidSettingException.class,
                () -> KubernetesSettings.read(SettingsSource.of(negativeQps))).key());
    }

    @Test
    void workerPodsHelpersAndInstallationAreCheckedAsKubernetesWouldCheckThem() {
        var images = Map.of("flowrunner.k8s.runner-image", "node:20", "flowrunner.k8s.flowrunner-image", "fr:1");
        var settings = KubernetesSettings.read(SettingsSource.of(images));
        assertEquals(HelperResources.DEFAULTS, settings.helpers());
        assertEquals("flowrunner", settings.installation());
        assertEquals(Duration.ofMinutes(5), settings.sweepGrace());

        for (var bad : Map.of("flowrunner.k8s.helper-memory-limit", "256MB", "flowrunner.k8s.helper-cpu-request",
                "half", "flowrunner.k8s.installation", "qa team/1").entrySet()) {
            var values = new java.util.HashMap<>(images);
            values.put(bad.getKey(), bad.getValue());
            var invalid = assertThrows(InvalidSettingException.class,
                    () -> KubernetesSettings.read(SettingsSource.of(values)));
            assertEquals(bad.getKey(), invalid.key());
        }
        var given = new java.util.HashMap<>(images);
        given.putAll(Map.of("flowrunner.k8s.helper-cpu-limit", "0.25", "flowrunner.k8s.helper-memory-limit", "1Gi",
                "flowrunner.k8s.installation", "qa-shop.blue"));
        var read = KubernetesSettings.read(SettingsSource.of(given));
        assertEquals(new HelperResources("50m", "0.25", "64Mi", "1Gi"), read.helpers());
        assertEquals("qa-shop.blue", read.installation());
    }

    @Test
    void aSealingKeyMustBe32BytesAndItsValueIsNeverRepeated() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertTrue(SecretSettings.read(SettingsSource.of(Map.of("flowrunner.secrets.key", good)))
                .sealingKey().isPresent());

        String tooShort = Base64.getEncoder().encodeToString("short-secret".getBytes());
        var invalid = assertThrows(InvalidSettingException.class, () -> SecretSettings.read(
                SettingsSource.of(Map.of("flowrunner.secrets.key", tooShort))));
        assertEquals("flowrunner.secrets.key must hold 32 bytes (AES-256), not 12", invalid.getMessage());
        var notBase64 = assertThrows(InvalidSettingException.class, () -> SecretSettings.read(
                SettingsSource.of(Map.of("flowrunner.secrets.key", "not base64!"))));
        assertFalse(notBase64.getMessage().contains("not base64!"));
    }

    @Test
    void passwordsStayOutOfWhatIsLogged() {
        var identity = BatchIdentitySettings.read(SettingsSource.of(Map.of("flowrunner.batch.password", "pw-123")));
        var mongo = MongoSettings.read(SettingsSource.of(Map.of("flowrunner.mongodb.uri", "mongodb://u:pw-456@db")));

        assertFalse(identity.toString().contains("pw-123"));
        assertFalse(mongo.toString().contains("pw-456"));
    }
}
