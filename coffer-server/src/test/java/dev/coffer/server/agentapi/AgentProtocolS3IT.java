package dev.coffer.server.agentapi;

import dev.coffer.server.support.S3ProxyServer;
import org.springframework.test.context.ContextConfiguration;

/** The protocol with the account repositories in S3 (S3Proxy); the quota tests need a local store to fill. */
@ContextConfiguration(initializers = S3ProxyServer.OnS3.class)
class AgentProtocolS3IT extends AgentProtocolIT {

    @Override
    protected boolean localStore() {
        return false;
    }
}
