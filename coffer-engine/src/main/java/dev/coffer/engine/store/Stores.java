package dev.coffer.engine.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import dev.coffer.engine.store.local.LocalStore;
import dev.coffer.engine.store.retry.RetryingStore;
import dev.coffer.engine.store.s3.S3Config;
import dev.coffer.engine.store.s3.S3Store;

/** Turns the location a user types (agent option, server setting) into a {@link Store}. */
public final class Stores {

    static final String FORMS = "use a directory path, local:/path or s3:https://host[:port]/bucket[/prefix]";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    private Stores() {
    }

    /**
     * Opens the store at {@code location}:
     * <ul>
     *   <li>a directory path, or {@code local:/path}: a {@link LocalStore} (nothing is created until the first put);</li>
     *   <li>{@code s3:http(s)://host[:port]/bucket[/prefix]}: an {@link S3Store} wrapped in a {@link RetryingStore},
     *   with credentials from the environment variables {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}
     *   and the region from {@code AWS_REGION} (default {@code us-east-1}).</li>
     * </ul>
     * Opening does not touch the store. Throws {@link IllegalArgumentException} saying what is wrong with a bad location.
     */
    public static Store open(String location) {
        return open(location, System.getenv());
    }

    static Store open(String location, Map<String, String> environment) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("store location is empty: " + FORMS);
        }
        if (location.startsWith("s3:")) {
            return new RetryingStore(new S3Store(s3Config(location, environment)));
        }
        if (location.startsWith("local:")) {
            return new LocalStore(localPath(location, location.substring("local:".length())));
        }
        if (SCHEME.matcher(location).find()) {
            throw new IllegalArgumentException("unsupported store location '" + location + "': " + FORMS);
        }
        return new LocalStore(localPath(location, location));
    }

    static S3Config s3Config(String location, Map<String, String> environment) {
        String address = location.substring("s3:".length());
        String example = "; expected s3:http(s)://host[:port]/bucket[/prefix], e.g. s3:https://s3.eu-west-1.amazonaws.com/backups/repo1";
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid s3 store location '" + location + "': " + e.getMessage() + example, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("s3 store location '" + location + "' has no http:// or https:// server address" + example);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("s3 store location '" + location.replace(uri.getRawUserInfo() + "@", "***@")
                    + "' must not contain credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("s3 store location '" + location + "' must not have a query or fragment" + example);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("s3 store location '" + location + "' names no bucket" + example);
        }
        String accessKey = environment.get("AWS_ACCESS_KEY_ID");
        String secretKey = environment.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("s3 store location '" + location
                    + "' needs the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        String region = environment.getOrDefault("AWS_REGION", "");
        URI endpoint = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        try {
            return new S3Config(endpoint, region.isBlank() ? "us-east-1" : region, bucket, prefix, accessKey, secretKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid s3 store location '" + location + "': " + e.getMessage(), e);
        }
    }

    private static Path localPath(String location, String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("store location '" + location + "' names no directory: " + FORMS);
        }
        try {
            return Path.of(path).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("store location '" + location + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
