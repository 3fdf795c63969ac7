package dev.coffer.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.engine.store.local.LocalStore;
import dev.coffer.engine.store.retry.RetryingStore;
import dev.coffer.engine.store.s3.S3Config;

class StoresTest {

    private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret");

    @TempDir
    Path dir;

    @Test
    void plainPathAndLocalPrefixOpenTheSameDirectory() {
        try (Store plain = Stores.open(dir.toString()); Store prefixed = Stores.open("local:" + dir)) {
            plain.put("config", new byte[] {9});

            assertThat(plain).isInstanceOf(LocalStore.class);
            assertThat(((LocalStore) plain).directory()).isEqualTo(dir.toAbsolutePath());
            assertThat(prefixed.get("config")).containsExactly(9);
        }
    }

    @Test
    void s3LocationGivesARetryingS3StoreWithoutTouchingTheNetwork() {
        try (Store store = Stores.open("s3:https://s3.example.com:9000/backups/customer1/repo", CREDENTIALS)) {
            assertThat(store).isInstanceOf(RetryingStore.class);
            assertThat(store.toString()).contains("S3Store").contains("backups/customer1/repo");
        }
    }

    @Test
    void s3LocationIsSplitIntoEndpointBucketAndPrefix() {
        S3Config config = Stores.s3Config("s3:http://127.0.0.1:9000/backups/customer1/repo/",
                Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_REGION", "eu-west-1"));

        assertThat(config).isEqualTo(new S3Config(URI.create("http://127.0.0.1:9000"), "eu-west-1", "backups",
                "customer1/repo", "AKID", "secret"));
        assertThat(Stores.s3Config("s3:https://s3.example.com/backups", CREDENTIALS))
                .extracting(S3Config::region, S3Config::prefix).containsExactly("us-east-1", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "local:", "sftp:host:/backup", "rest:http://host/", "s3://backups/repo",
            "s3:ftp://host/bucket", "s3:https://host", "s3:https://host/", "s3:https://host/b?x=1",
            "s3:https://host/Bad_Bucket!", "s3:https://host/bucket/../x"})
    void badLocationsAreRefusedWithAHint(String location) {
        assertThatThrownBy(() -> Stores.open(location, CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(location.isBlank() ? "empty" : location.trim());
    }

    @Test
    void s3WithoutCredentialsSaysWhichVariablesAreMissing() {
        assertThatThrownBy(() -> Stores.open("s3:https://host/bucket", Map.of("AWS_ACCESS_KEY_ID", "AKID")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void credentialsInTheLocationAreRefusedAndNotEchoed() {
        assertThatThrownBy(() -> Stores.open("s3:https://AKID:topsecret@host/bucket", CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain credentials")
                .hasMessageNotContaining("topsecret");
    }
}
