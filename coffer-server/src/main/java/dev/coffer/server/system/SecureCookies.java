package dev.coffer.server.system;

import java.nio.charset.Charset;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Lifecycle;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cookies (the session cookie above all) are {@code Secure} whenever the request came over HTTPS, also behind a
 * proxy with {@code server.forward-headers-strategy=framework}: Tomcat decides on its own connection, which is
 * plain HTTP from the proxy, so it would leave the flag off. {@link SecurityHeaders} marks such requests; this
 * wraps Tomcat's cookie processor (keeping Boot's SameSite handling) to add the flag for them.
 */
@Configuration(proxyBeanMethods = false)
class SecureCookies {

    static final String SECURE_REQUEST = SecureCookies.class.getName() + ".SECURE_REQUEST";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> secureCookiesOverHttps() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
                    && !(context.getCookieProcessor() instanceof SecureWhenHttps)) {
                context.setCookieProcessor(new SecureWhenHttps(context.getCookieProcessor()));
            }
        }));
    }

    private record SecureWhenHttps(CookieProcessor delegate) implements CookieProcessor {

        @Override
        public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
            delegate.parseCookieHeader(headers, serverCookies);
        }

        @Override
        public String generateHeader(Cookie cookie, HttpServletRequest request) {
            if (request != null && Boolean.TRUE.equals(request.getAttribute(SECURE_REQUEST))) {
                cookie.setSecure(true);
            }
            return delegate.generateHeader(cookie, request);
        }

        @Override
        public Charset getCharset() {
            return delegate.getCharset();
        }
    }
}
