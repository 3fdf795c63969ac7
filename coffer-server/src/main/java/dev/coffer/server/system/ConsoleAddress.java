package dev.coffer.server.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Management Console's address as the panel tells it to customer admins (to pass on to their users) when
 * {@code coffer.console-url} is not set. Never from the request's own {@code Host} header, which any client can
 * set (a forged one would put an attacker's address on the credentials page): behind a proxy configured with
 * {@code server.forward-headers-strategy} (framework or native), from the request as the proxy's headers describe
 * it; otherwise from the connection itself (the address and port the server was reached on).
 */
@Component
public class ConsoleAddress {

    private final boolean behindProxy;

    public ConsoleAddress(@Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy) {
        this.behindProxy = !forwardHeadersStrategy.isBlank() && !"none".equalsIgnoreCase(forwardHeadersStrategy);
    }

    /** The console's address for the current request, ending in {@code /console}. */
    public String fallback() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        if (behindProxy) {
            return ServletUriComponentsBuilder.fromContextPath(request).path("/console").build().toUriString();
        }
        String host = request.getLocalName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return request.getScheme() + "://" + host + ":" + request.getLocalPort() + request.getContextPath()
                + "/console";
    }
}
