package dev.coffer.server.system;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints {@code Coffer is running at http://HOST:PORT/} once the server is ready, so that whoever started it knows
 * what to open: the base of {@code coffer.console-url} when it is set, otherwise {@code server.address} (localhost
 * when unset or a wildcard) with the port actually bound and the context path.
 */
@Component
class StartupAddressLog {

    private static final Logger LOG = LoggerFactory.getLogger(StartupAddressLog.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port");
        if (port == null) {
            return; // no web server (a test without one)
        }
        LOG.info("Coffer is running at {}", address(env.getProperty("coffer.console-url", ""),
                env.getProperty("server.address", ""), Integer.parseInt(port),
                env.getProperty("server.servlet.context-path", "")));
    }

    /** The address to print, always ending in {@code /}. */
    static String address(String consoleUrl, String serverAddress, int port, String contextPath) {
        if (consoleUrl != null && !consoleUrl.isBlank()) {
            URI u = URI.create(consoleUrl.strip());
            if (u.getScheme() != null && u.getHost() != null) {
                return u.getScheme() + "://" + u.getRawAuthority() + normalized(contextPath);
            }
        }
        String host = serverAddress == null || serverAddress.isBlank() || serverAddress.equals("0.0.0.0")
                || serverAddress.equals("::") || serverAddress.equals("[::]") ? "localhost" : serverAddress.strip();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 address
        }
        return "http://" + host + ":" + port + normalized(contextPath);
    }

    private static String normalized(String contextPath) {
        String p = contextPath == null ? "" : contextPath.strip().replaceAll("/+$", "");
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return p + "/";
    }
}
