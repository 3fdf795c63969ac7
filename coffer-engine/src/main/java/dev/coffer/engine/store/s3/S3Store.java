package dev.coffer.engine.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.coffer.engine.store.FileSlices;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.WriterFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link Store} in an S3 bucket: object {@code data/3f/3fa4} is the key {@code <prefix>/data/3f/3fa4}.
 *
 * <p>S3 makes a single PUT atomic, so {@link #put} and the commit of a {@link #create created} object are one PUT with a {@code Content-MD5} header: the service refuses a
 * body damaged on the way (a retriable failure). Requests use path-style addressing and send checksums only when the
 * operation requires them, which S3-compatible services other than AWS (S3Proxy, older MinIO and Ceph) need.
 *
 * <p>The AWS SDK's own retries are off: wrap the store in {@code RetryingStore}, which retries what
 * {@link StoreException#retriable()} marks: network errors, HTTP 5xx, 408, 429 and S3's {@code SlowDown},
 * {@code RequestTimeout} and {@code BadDigest}. Not found (404) is {@link ObjectNotFoundException}; anything else
 * (403, a missing bucket...) is permanent. Messages name the operation, the bucket and the key.
 */
public final class S3Store implements Store {

    private static final int MAX_CONNECTIONS = 32;
    private static final Set<String> RETRIABLE_ERROR_CODES = Set.of("SlowDown", "RequestTimeout", "BadDigest",
            "InternalError", "ServiceUnavailable", "RequestTimeTooSkewed");

    private final S3Config config;
    private final String keyPrefix;
    private final S3Client client;
    private final int listPageSize;

    public S3Store(S3Config config) {
        this(config, 1000);
    }

    /** {@code listPageSize} is the most keys one list request asks for; S3's own limit is 1000. */
    S3Store(S3Config config, int listPageSize) {
        this.listPageSize = listPageSize;
        this.config = Objects.requireNonNull(config, "config");
        this.keyPrefix = config.prefix().isEmpty() ? "" : config.prefix() + "/";
        this.client = S3Client.builder()
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Where this store keeps its objects. */
    public S3Config config() {
        return config;
    }

    @Override
    public void put(String name, byte[] data) {
        String key = key(name);
        Objects.requireNonNull(data, "data");
        String md5 = Base64.getEncoder().encodeToString(md5(data));
        try {
            // The SDK reads the array while the call runs and we return only afterwards, so no copy is needed.
            client.putObject(b -> b.bucket(config.bucket()).key(key).contentLength((long) data.length).contentMD5(md5),
                    RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(data), data.length,
                            "application/octet-stream"));
        } catch (SdkException e) {
            throw failure("put", name, e);
        }
    }

    /**
     * Spools to a temporary file in {@code java.io.tmpdir} (restic does the same) and uploads it with one PUT on
     * commit, with the {@code Content-MD5} computed while writing. The file is deleted after the upload or on close;
     * one left by a killed process is never an object, and the first {@code create} of a later process deletes it.
     */
    @Override
    public PendingObject create() {
        if (spoolsCleaned.compareAndSet(false, true)) {
            WriterFiles.deleteAbandoned(Path.of(System.getProperty("java.io.tmpdir")), SPOOL_PREFIX + "*.spool", SPOOL_PREFIX,
                    Duration.ofMinutes(10));
        }
        return new SpoolFileObject();
    }

    /** Spool files are named {@code coffer-s3-<pid>-<random>.spool} (see {@link WriterFiles}). */
    static final String SPOOL_PREFIX = "coffer-s3-";
    private final java.util.concurrent.atomic.AtomicBoolean spoolsCleaned = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public byte[] get(String name) {
        String key = key(name);
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(config.bucket()).key(key))) {
            long size = in.response().contentLength();
            if (size > Integer.MAX_VALUE - 8) {
                in.abort();
                throw new StoreException("get " + where(name) + ": object of " + size + " bytes is too large for one array", false);
            }
            return readFully(in, (int) size, "get", name);
        } catch (SdkException e) {
            throw failure("get", name, e);
        } catch (IOException e) {
            throw new StoreException("get " + where(name) + " failed while reading: " + e, true, e);
        }
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        Store.checkRange(offset, length);
        if (length == 0) {
            // S3 has no empty range; a HEAD answers whether the object exists and the offset lies within it
            long size = size(name);
            if (offset > size) {
                throw StoreException.rangePastEnd(name, offset, length, size);
            }
            return new byte[0];
        }
        String key = key(name);
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(config.bucket()).key(key).range(range))) {
            long received = in.response().contentLength();
            if (received != length) {
                // S3 shortens a range that starts inside the object but ends past it
                in.abort();
                throw StoreException.rangePastEnd(name, offset, length, totalSize(in.response(), offset + received));
            }
            return readFully(in, length, "getRange", name);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 416) {
                throw StoreException.rangePastEnd(name, offset, length, size(name));
            }
            throw failure("getRange", name, e);
        } catch (SdkException e) {
            throw failure("getRange", name, e);
        } catch (IOException e) {
            throw new StoreException("getRange " + where(name) + " failed while reading: " + e, true, e);
        }
    }

    @Override
    public long size(String name) {
        String key = key(name);
        try {
            return client.headObject(b -> b.bucket(config.bucket()).key(key)).contentLength();
        } catch (SdkException e) {
            throw failure("size", name, e);
        }
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        List<StoreEntry> entries = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(
                    b -> b.bucket(config.bucket()).prefix(keyPrefix + prefix).maxKeys(listPageSize))) {
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(keyPrefix.length());
                    // keys no store could have written (uploaded by hand, say) are not objects of this store
                    if (Store.isValidName(name)) {
                        entries.add(new StoreEntry(name, object.size()));
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list", prefix + "*", e);
        }
        return entries;
    }

    @Override
    public void delete(String name) {
        String key = key(name);
        try {
            client.deleteObject(b -> b.bucket(config.bucket()).key(key));
        } catch (SdkException e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3Store[" + config.endpoint() + " " + config.location() + "]";
    }

    private String key(String name) {
        return keyPrefix + Store.checkName(name);
    }

    private String where(String name) {
        return "s3://" + config.bucket() + "/" + keyPrefix + name;
    }

    private byte[] readFully(InputStream in, int size, String operation, String name) throws IOException {
        byte[] data = new byte[size];
        int read = in.readNBytes(data, 0, size);
        if (read != size) {
            throw new StoreException(operation + " " + where(name) + ": connection ended after " + read + " of " + size
                    + " bytes", true);
        }
        return data;
    }

    private static long totalSize(GetObjectResponse response, long fallback) {
        String contentRange = response.contentRange(); // "bytes 0-99/100"
        if (contentRange != null && contentRange.lastIndexOf('/') > 0) {
            try {
                return Long.parseLong(contentRange.substring(contentRange.lastIndexOf('/') + 1).trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private StoreException failure(String operation, String name, SdkException e) {
        boolean readsOne = operation.equals("get") || operation.equals("getRange") || operation.equals("size");
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            String detail = service.awsErrorDetails() == null ? e.getMessage() : service.awsErrorDetails().errorMessage();
            if (status == 404 && readsOne && !"NoSuchBucket".equals(code)) {
                return new ObjectNotFoundException(name, "key " + keyPrefix + name + " in bucket " + config.bucket());
            }
            boolean retriable = status >= 500 || status == 408 || status == 429 || service.isThrottlingException()
                    || RETRIABLE_ERROR_CODES.contains(code);
            String what = "NoSuchBucket".equals(code) || status == 404 && !readsOne
                    ? "bucket " + config.bucket() + " does not exist at " + config.endpoint()
                    : "HTTP " + status + (code == null || code.isEmpty() ? "" : " " + code) + ": " + detail;
            return new StoreException(operation + " " + where(name) + " failed: " + what, retriable, e);
        }
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new StoreException(operation + " " + where(name) + " interrupted", false, e);
        }
        // network trouble: refused or dropped connections, timeouts, unknown host
        return new StoreException(operation + " " + where(name) + " failed at " + config.endpoint() + ": " + e.getMessage(), true, e);
    }

    private static byte[] md5(byte[] data) {
        return md5().digest(data);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** The {@link PendingObject} of this store. Used by one thread at a time. */
    private final class SpoolFileObject implements PendingObject {
        private final MessageDigest md5 = md5();
        private Path spool;
        private FileChannel channel;
        private long size;
        private boolean writeFailed;
        private String contentMd5;
        private String committed;

        SpoolFileObject() {
            try {
                spool = Files.createFile(Path.of(System.getProperty("java.io.tmpdir"), WriterFiles.newName(SPOOL_PREFIX, ".spool")));
                channel = FileChannel.open(spool, StandardOpenOption.WRITE);
            } catch (IOException e) {
                close();
                throw new StoreException("create object for " + where("") + ": cannot make a spool file in "
                        + System.getProperty("java.io.tmpdir") + ": " + e, false, e);
            }
        }

        @Override
        public void write(byte[] data, int off, int len) {
            PendingObject.checkSlice(data, off, len);
            if (committed != null || contentMd5 != null || spool == null) {
                throw new IllegalStateException("pending object is committed, being committed or closed: no more writes");
            }
            try {
                FileSlices.write(channel, data, off, len);
                md5.update(data, off, len);
                size += len;
            } catch (IOException e) {
                writeFailed = true;
                throw new StoreException("write spool file " + spool + " for " + where("") + " failed: " + e, false, e);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit(String name) {
            String key = key(name);
            if (committed != null) {
                PendingObject.checkCommittedAs(committed, name);
                return;
            }
            if (writeFailed || spool == null) {
                throw new IllegalStateException("pending object for " + where(name) + " is closed or a write failed");
            }
            if (contentMd5 == null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new StoreException("commit " + where(name) + ": closing spool file failed: " + e, false, e);
                }
                contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
            }
            try {
                client.putObject(b -> b.bucket(config.bucket()).key(key).contentLength(size).contentMD5(contentMd5),
                        RequestBody.fromFile(spool));
            } catch (SdkException e) {
                throw failure("commit", name, e);
            }
            committed = name;
            close();
        }

        @Override
        public void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
                if (spool != null) {
                    Files.deleteIfExists(spool);
                }
            } catch (IOException e) {
                // litter in the temporary directory, never an object
            }
            spool = null;
        }
    }

    @Override
    public boolean remote() {
        return true;
    }
}
