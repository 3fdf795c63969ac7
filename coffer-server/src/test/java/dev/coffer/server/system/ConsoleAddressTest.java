package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The console's address on the credentials page never comes from a client's Host header. */
class ConsoleAddressTest {

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static void current(MockHttpServletRequest request) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void withoutAProxyAHostileHostHeaderIsIgnored() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customer/backup/7/credentials");
        request.addHeader("Host", "evil.example");
        request.setServerName("evil.example");
        request.setLocalName("coffer.internal");
        request.setLocalPort(8080);
        current(request);
        assertThat(new ConsoleAddress("none").fallback()).isEqualTo("http://coffer.internal:8080/console");
        assertThat(new ConsoleAddress("").fallback()).doesNotContain("evil");
    }

    @Test
    void behindAConfiguredProxyTheProxysAddressIsUsed() {
        // As Spring's ForwardedHeaderFilter presents a request that came through the proxy.
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customer/backup/7/credentials");
        request.setScheme("https");
        request.setServerName("backup.provider.example");
        request.setServerPort(443);
        request.setLocalName("10.0.0.5");
        current(request);
        assertThat(new ConsoleAddress("framework").fallback()).isEqualTo("https://backup.provider.example/console");
    }
}
