package dev.coffer.server.support;

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

/**
 * A browser-like session of the Management Console over plain HTTP: its cookies, and the CSRF token of the last page
 * it read, for posting the console's forms without a browser.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\""
            + "\\s+name=\"_csrf\"");
    private final int port;
    private final HttpClient http;
    private String csrf;
    private String location;

    public ConsoleSession(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in through the console's login form; fails unless the login succeeds. */
    public static ConsoleSession logIn(int port, String login, String password) throws Exception {
        ConsoleSession c = new ConsoleSession(port);
        c.csrf = c.token(c.get("/console/login"));
        HttpResponse<String> r = c.form("/console/login", "username=" + enc(login) + "&password=" + enc(password)
                + "&_csrf=" + enc(c.csrf));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        c.csrf = c.token(c.get("/console"));
        return c;
    }

    /** Posts the page's form to {@code path} with the session's CSRF token; returns the status. */
    public int post(String path) throws Exception {
        HttpResponse<String> r = form(path, "_csrf=" + enc(csrf));
        location = r.headers().firstValue("Location").orElse(null);
        return r.statusCode();
    }

    public int postWithoutToken(String path) throws Exception {
        return form(path, "").statusCode();
    }

    /** The Location of the last {@link #post}, or null. */
    public String location() {
        return location;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
