package dev.coffer.server.agentapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the agent protocol, as the agent would speak it (and as a hostile one could). */
final class AgentClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    record Reply(int status, byte[] body, HttpResponse<byte[]> raw) {

        JsonNode json() {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String type() {
            return json().path("type").asString();
        }

        String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    private final int port;
    private final String token;

    AgentClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    AgentClient withToken(String other) {
        return new AgentClient(port, other);
    }

    Reply json(String method, String path, String json) {
        HttpRequest.Builder b = request(path).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    Reply get(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Reply head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply putObject(String name, byte[] data) {
        return send(request("/agent/v1/repository/objects/" + name)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
    }

    /**
     * Sends a PUT over a raw socket: {@code contentLength} null = chunked (no Content-Length), else the declared
     * length whatever {@code body} holds; the connection's output is closed after the body.
     */
    Reply rawPut(String name, Long contentLength, byte[] body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            StringBuilder h = new StringBuilder("PUT /agent/v1/repository/objects/" + name + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n"
                    + "Content-Type: application/octet-stream\r\n");
            if (contentLength == null) {
                h.append("Transfer-Encoding: chunked\r\n\r\n");
                out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                h.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
                out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            }
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyAt = response.indexOf("\r\n\r\n");
            String payload = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked") && !payload.isEmpty()) {
                payload = dechunk(payload);
            }
            return new Reply(status, payload.getBytes(StandardCharsets.ISO_8859_1), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends only the headers of a PUT with {@code Expect: 100-continue} and returns the status of the server's first
     * answer: the final one when the server refuses without wanting the body, 100 when it wants the body.
     */
    int expectContinue(String name, long contentLength) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /agent/v1/repository/objects/" + name + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + contentLength + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] line = new byte[12];
            int n = 0;
            InputStream in = s.getInputStream();
            while (n < 12) {
                int r = in.read(line, n, 12 - n);
                if (r < 0) {
                    throw new IOException("connection closed after " + n + " bytes");
                }
                n += r;
            }
            return Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            b.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return b.toString();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
