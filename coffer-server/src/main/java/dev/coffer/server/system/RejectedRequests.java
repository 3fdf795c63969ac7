package dev.coffer.server.system;

import java.util.List;

import dev.coffer.server.system.ProblemJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What the security firewall answers when it refuses a request outright (an encoded slash, a semicolon, a
 * non-normalised path...): 400 as a problem detail, on every path, instead of the container's default error.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            log.debug("Firewall refused a request: {}", e.getMessage());
            ProblemJson.write(request, response, 400, "Bad Request",
                    "The request's address is not acceptable (encoded slashes, semicolons or '..' are refused)",
                    List.of());
        };
    }
}
