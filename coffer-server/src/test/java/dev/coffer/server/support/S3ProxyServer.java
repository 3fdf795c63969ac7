package dev.coffer.server.support;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real S3 server for the server's tests: S3Proxy over an in-memory jclouds blob store, started once per test JVM
 * and stopped when it ends. {@link OnS3} points {@code coffer.storage.location} at a fresh prefix of its bucket.
 */
public final class S3ProxyServer {

    public static final String BUCKET = "coffer-it";
    public static final String ACCESS_KEY = "it-access";
    public static final String SECRET_KEY = "it-secret-key";

    private static URI endpoint;

    private S3ProxyServer() {
    }

    /** The running server's address (started on first use). */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                        .build(BlobStoreContext.class);
                context.getBlobStore().createContainerInLocation(null, BUCKET);
                S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .endpoint(URI.create("http://127.0.0.1:0")).build();
                proxy.start();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!"STARTED".equals(proxy.getState())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("S3Proxy did not start within 60 s: " + proxy.getState());
                    }
                    Thread.onSpinWait();
                }
                endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        proxy.stop();
                    } catch (Exception e) {
                        // the JVM ends anyway
                    }
                    context.close();
                }));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
            }
        }
        return endpoint;
    }

    /** The account repositories in S3 (a fresh prefix), on a fresh H2 database. */
    public static final class OnS3 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new Database.OnH2().initialize(context);
            Map<String, Object> values = new HashMap<>();
            values.put("coffer.storage.location", "s3:" + endpoint() + "/" + BUCKET + "/it-" + System.nanoTime());
            values.put("coffer.storage.s3.access-key", ACCESS_KEY);
            values.put("coffer.storage.s3.secret-key", SECRET_KEY);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("coffer-test-s3", values));
        }
    }
}
