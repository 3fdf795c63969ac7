package dev.coffer.server.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.local.LocalStore;
import dev.coffer.engine.store.retry.RetryingStore;
import dev.coffer.engine.store.s3.S3Config;
import dev.coffer.engine.store.s3.S3Store;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine store of each backup account, named by the account's id under {@code coffer.storage.location}: a
 * directory ({@code <location>/<accountId>/}, default {@code ${coffer.home}/repositories}) or S3
 * ({@code s3:https://host[:port]/bucket[/prefix]}, or {@code s3://bucket[/prefix]} on AWS, giving the prefix
 * {@code <prefix>/<accountId>/}). S3 credentials come from {@code coffer.storage.s3.access-key} and
 * {@code coffer.storage.s3.secret-key} (default: the environment's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), the
 * region from {@code coffer.storage.s3.region} (default AWS_REGION, else us-east-1). Nothing of one account's store
 * is reachable through another's. Stores are opened once and shared by all threads (stores are thread-safe).
 */
@Component
public class AccountStores implements AutoCloseable {

    private final String location;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final Map<Long, Store> stores = new ConcurrentHashMap<>();

    public AccountStores(@Value("${coffer.storage.location:${coffer.home}/repositories}") String location,
                         @Value("${coffer.storage.s3.access-key:${AWS_ACCESS_KEY_ID:}}") String accessKey,
                         @Value("${coffer.storage.s3.secret-key:${AWS_SECRET_ACCESS_KEY:}}") String secretKey,
                         @Value("${coffer.storage.s3.region:${AWS_REGION:us-east-1}}") String region) {
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("coffer.storage.location must not be empty");
        }
        this.location = location.strip();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region == null || region.isBlank() ? "us-east-1" : region;
        if (isS3()) {
            s3Config(0); // fail at start-up, not at the first backup, when the location is wrong
        }
    }

    /** The store of the account (its folder or prefix); opening it touches nothing. */
    public Store store(long accountId) {
        if (accountId <= 0) {
            throw new IllegalArgumentException("account id must be positive: " + accountId);
        }
        return stores.computeIfAbsent(accountId, this::open);
    }

    /**
     * The file on this server's disk that holds the account's object {@code name} (it need not exist), or empty when
     * the account's store is not a local directory (S3). For zero-copy reads; names are checked as the store checks them.
     */
    public Optional<Path> localFile(long accountId, String name) {
        return store(accountId) instanceof LocalStore local ? Optional.of(local.file(name)) : Optional.empty();
    }

    /** Where the account's repository is, for log messages (never with credentials). */
    public String describe(long accountId) {
        return isS3() ? s3Config(accountId).location() : localRoot().resolve(Long.toString(accountId)).toString();
    }

    @Override
    public void close() {
        stores.values().forEach(Store::close);
        stores.clear();
    }

    private Store open(long accountId) {
        if (isS3()) {
            return new RetryingStore(new S3Store(s3Config(accountId)));
        }
        return new LocalStore(localRoot().resolve(Long.toString(accountId)));
    }

    private boolean isS3() {
        return location.startsWith("s3:");
    }

    private Path localRoot() {
        String path = location.startsWith("local:") ? location.substring("local:".length()) : location;
        return Path.of(path).toAbsolutePath().normalize();
    }

    private S3Config s3Config(long accountId) {
        String example = "; expected s3:https://host[:port]/bucket[/prefix] or s3://bucket[/prefix]";
        URI endpoint;
        String path;
        if (location.startsWith("s3://")) {
            endpoint = URI.create("https://s3." + region + ".amazonaws.com");
            path = location.substring("s3://".length());
        } else {
            URI uri;
            try {
                uri = new URI(location.substring("s3:".length()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("coffer.storage.location '" + location + "' is invalid: " + e.getMessage() + example);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                throw new IllegalStateException("coffer.storage.location '" + location
                        + "' needs an http(s) server address, without credentials or query" + example);
            }
            endpoint = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
            path = uri.getPath() == null ? "" : uri.getPath();
        }
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalStateException("coffer.storage.location '" + location + "' names no bucket" + example);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalStateException("coffer.storage.location '" + location + "' needs coffer.storage.s3.access-key "
                    + "and coffer.storage.s3.secret-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }
        String accountPrefix = (prefix.isEmpty() ? "" : prefix + "/") + accountId;
        try {
            return new S3Config(endpoint, region, bucket, accountPrefix, accessKey, secretKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coffer.storage.location '" + location + "' is invalid: " + e.getMessage());
        }
    }
}
