package dev.coffer.server.agentapi;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers {@code Expect: 100-continue} only when an upload's body is first read, so that an upload refused
 * before (quota, append-only, bad name) is answered at once and its body is never sent.
 */
@Configuration(proxyBeanMethods = false)
class AgentWebConfig {

    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming("onRead");
            }
        };
    }
}
