package dev.flowrunner.configuration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Every area's settings, read once from MicroProfile Config (environment variables, server.xml variables, …). */
@ApplicationScoped
public class ConfiguredSettings {

    @Produces
    @Singleton
    WorkerSettings workers() {
        return WorkerSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    KubernetesSettings kubernetes() {
        return KubernetesSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    LeaderElectionSettings leaderElection() {
        return LeaderElectionSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    DataDirectory dataDirectory() {
        return DataDirectory.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    MongoSettings mongo() {
        return MongoSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    ArtifactStoreSettings artifactStore() {
        return ArtifactStoreSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    ReportSettings reports() {
        return ReportSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    HistorySettings history() {
        return HistorySettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    RetentionSettings retention() {
        return RetentionSettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    BatchIdentitySettings batchIdentity() {
        return BatchIdentitySettings.read(SettingsSource.microProfileConfig());
    }

    @Produces
    @Singleton
    SecretSettings secrets() {
        return SecretSettings.read(SettingsSource.microProfileConfig());
    }
}
