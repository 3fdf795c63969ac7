package dev.coffer.server.agentapi;

import dev.coffer.server.support.S3ProxyServer;
import org.springframework.test.context.ContextConfiguration;

/** The real agent against the real server: account repositories in the S3 (S3Proxy in process). */
@ContextConfiguration(initializers = S3ProxyServer.OnS3.class)
class AgentEndToEndS3IT extends AgentEndToEndIT {
}
