package dev.coffer.server.retention;

import dev.coffer.server.support.S3ProxyServer;
import org.springframework.test.context.ContextConfiguration;

/** Retention with the account repositories in S3 (S3Proxy): prune deletes and writes through the S3 store. */
@ContextConfiguration(initializers = S3ProxyServer.OnS3.class)
class RetentionS3IT extends RetentionIT {
}
