package dev.coffer.engine.store.s3;

import java.net.URI;
import java.util.Objects;

import dev.coffer.engine.store.Store;

/**
 * Where an {@link S3Store} keeps its objects: the service's {@code endpoint} (e.g. {@code https://s3.example.com:9000},
 * addressed path-style), its {@code region}, the {@code bucket}, and a key {@code prefix} (e.g. {@code customer1/repo})
 * that lets several repositories share one bucket; {@code ""} for none. Leading and trailing slashes of the prefix are
 * dropped. {@link #toString()} never shows the secret key.
 */
public record S3Config(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey) {

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// address with a host, was '" + endpoint + "'");
        }
        region = requireText(region, "region");
        bucket = requireText(bucket, "bucket");
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-_]{2,62}")) {
            throw new IllegalArgumentException("bucket must be 3-63 lower-case letters, digits, '.', '-' or '_', was '" + bucket + "'");
        }
        Objects.requireNonNull(prefix, "prefix");
        prefix = stripSlashes(prefix);
        if (!prefix.isEmpty() && !Store.isValidName(prefix)) {
            throw new IllegalArgumentException("prefix must be segments of [A-Za-z0-9._-] separated by '/', was '" + prefix + "'");
        }
        accessKey = requireText(accessKey, "accessKey");
        secretKey = requireText(secretKey, "secretKey");
    }

    /** The bucket and prefix, as they appear in messages, e.g. {@code backups/customer1/repo}. */
    public String location() {
        return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", accessKey=" + accessKey + ", secretKey=***]";
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    private static String stripSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }
}
