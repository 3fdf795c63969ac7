package dev.coffer.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where account repositories go, and how the server's secrets are configured or generated once. */
class StorageConfigTest {

    @TempDir
    Path home;

    @Test
    void localLocationsGiveOneFolderPerAccount() {
        try (AccountStores stores = new AccountStores(home.resolve("repos").toString(), "", "", "")) {
            assertThat(stores.describe(12)).isEqualTo(home.resolve("repos").resolve("12").toString());
            stores.store(12).put("config", new byte[] {1});
            assertThat(home.resolve("repos/12/config")).exists();
            assertThat(stores.store(13).list("")).isEmpty();
            assertThatThrownBy(() -> stores.store(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void s3LocationsGiveOnePrefixPerAccountAndNeedCredentials() {
        try (AccountStores s3 = new AccountStores("s3:https://s3.example.com:9000/backups/coffer/", "key", "secret",
                "eu-west-1")) {
            assertThat(s3.describe(7)).isEqualTo("backups/coffer/7");
        }
        try (AccountStores aws = new AccountStores("s3://backups", "key", "secret", "")) {
            assertThat(aws.describe(7)).isEqualTo("backups/7");
        }
        assertThatThrownBy(() -> new AccountStores("s3://backups/x", "", "", ""))
                .hasMessageContaining("coffer.storage.s3.access-key");
        assertThatThrownBy(() -> new AccountStores("s3:ftp://host/bucket", "k", "s", ""))
                .hasMessageContaining("coffer.storage.location");
        assertThatThrownBy(() -> new AccountStores("s3:https://host/", "k", "s", ""))
                .hasMessageContaining("names no bucket");
    }

    @Test
    void aSecretIsGeneratedOnceWithOwnerOnlyPermissionsOrTakenFromTheProperty() throws IOException {
        Path file = home.resolve("sub/key-encryption.key");
        byte[] first = ServerSecrets.load("coffer.key-encryption-key", "", file);
        assertThat(first).hasSize(32);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ServerSecrets.load("coffer.key-encryption-key", null, file)).isEqualTo(first);

        byte[] configured = new byte[32];
        configured[0] = 42;
        assertThat(ServerSecrets.load("coffer.key-encryption-key", Base64.getEncoder().encodeToString(configured),
                file)).isEqualTo(configured);
        assertThatThrownBy(() -> ServerSecrets.load("coffer.key-encryption-key", "c2hvcnQ=", file))
                .hasMessageContaining("coffer.key-encryption-key").hasMessageContaining("32 bytes");
    }
}
