package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Pages carry a strict Content-Security-Policy and Referrer-Policy, and behind a proxy (here
 * {@code server.forward-headers-strategy=framework}) the session cookie is Secure when the proxy says the browser
 * came over HTTPS.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=framework")
abstract class SecurityHeadersIT extends ApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesHaveAStrictContentSecurityPolicyAndReferrerPolicy() throws Exception {
        for (String path : new String[] {"/login", "/console/login", "/", "/api/v1/customers"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> {
                assertThat(csp).contains("default-src 'self'").contains("script-src 'self'")
                        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            });
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
    }

    @Test
    void pagesHoldNoInlineScriptOrStyle() throws Exception {
        String login = get("/login").body();
        assertThat(login).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)").doesNotContain(" style=")
                .doesNotContainPattern("(?i)\\son[a-z]+=");
    }

    @Test
    void theSessionCookieIsSecureWhenTheProxySaysHttps() throws Exception {
        HttpResponse<String> viaHttps = get("/", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "backup.example");
        assertThat(viaHttps.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        HttpResponse<String> plain = get("/");
        assertThat(plain.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=").doesNotContain("Secure"));
    }
}
