package dev.coffer.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON client of the running server's REST API, authenticated one way (or not at all). */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A response: status, body as JSON (MissingNode when empty) and raw text, headers. */
    public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The {@code field} of every entry of the problem's errors array. */
        public List<String> errorFields() {
            return json.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final Optional<String> authorization;

    private Api(String base, Optional<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static Api anonymous(int port) {
        return new Api("http://localhost:" + port, Optional.empty());
    }

    public Api basic(String login, String password) {
        String credentials = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api(base, Optional.of("Basic " + credentials));
    }

    public Api bearer(String token) {
        return new Api(base, Optional.of("Bearer " + token));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends {@code json} (null = no body) with extra header name/value pairs. */
    public Response send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "application/json, application/problem+json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        authorization.ifPresent(a -> b.header("Authorization", a));
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isBlank() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.missingNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), node, r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON text of a value (strings quoted and escaped), for building request bodies. */
    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
