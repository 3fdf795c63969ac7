package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every API error is an RFC 9457 problem detail with a {@code type}, including the ones no controller raises (an
 * unknown path, a wrong method, the firewall's refusals); a panel form with a tampered field shows a page.
 */
abstract class ProblemDetailsIT extends ApiTestSupport {

    static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.json().path("type").asString()).as(r.toString()).isNotBlank();
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void anUnknownApiPathIsAProblem() {
        assertProblem(provider().get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void aWrongMethodIsAProblem() {
        Api.Response r = provider().send("PATCH", "/api/v1/customers", "{}");
        assertProblem(r, 405);
        assertThat(r.header("Allow")).isPresent();
    }

    @Test
    void theFirewallsRefusalsAreProblems() {
        assertProblem(anonymous().get("/api/v1/customers;x=1"), 400);
        assertProblem(provider().get("/api/v1/customers/%2e%2e/1"), 400);
    }

    @Test
    void everyProblemHasAType() {
        Tenant t = tenant(null);
        assertProblem(t.admin().post("/api/v1/customers/" + t.id() + "/users", "{\"name\":\"\",\"email\":\"x\"}"), 400);
        assertProblem(anonymous().get("/api/v1/customers"), 401);
        assertProblem(t.admin().get("/api/v1/customers"), 403);
        assertProblem(t.admin().get("/api/v1/customers/999999999"), 404);
        assertProblem(t.admin().post("/api/v1/customers/" + t.id() + "/users", "{\"name\":"), 400);
    }

    @Test
    void aPanelFormWithATamperedHiddenFieldShowsAPage() throws Exception {
        Tenant t = tenant(null);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> login = browser.send(form(base + "/login", "username=admin&password="
                + PROVIDER_PASSWORD + "&_csrf=" + csrf(loginPage)), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String editPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/provider/customers/" + t.id()))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> tampered = browser.send(form(base + "/provider/customers/" + t.id(),
                "name=Renamed&version=abc&_csrf=" + csrf(editPage)), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("text/html"));
        assertThat(tampered.body()).contains("<html");
        assertThat(provider().get("/api/v1/customers/" + t.id()).json().path("name").asString())
                .isNotEqualTo("Renamed");
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }
}
