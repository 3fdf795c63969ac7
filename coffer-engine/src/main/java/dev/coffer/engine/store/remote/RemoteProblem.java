package dev.coffer.engine.store.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's {@code application/problem+json} answer (RFC 9457), as far as the agent reads it.
 *
 * @param name   the last segment of {@code type} ({@code quota-exceeded} for
 *               {@code https://coffer.dev/problems/quota-exceeded}); empty when the answer had none
 * @param title  the short summary, possibly empty
 * @param detail the sentence for people, possibly empty
 * @param body   the whole answer, for the extension fields; an empty object when the body was no JSON object
 */
public record RemoteProblem(String name, String title, String detail, JsonNode body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RemoteProblem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(body, "body");
    }

    /** The problem in {@code body}; a problem with empty fields when the body is empty or not a JSON object. */
    public static RemoteProblem parse(byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new RemoteProblem("", "", "", MAPPER.createObjectNode());
        }
        String type = json.path("type").asText("");
        String name = type.substring(type.lastIndexOf('/') + 1);
        return new RemoteProblem(name, json.path("title").asText(""), json.path("detail").asText(""), json);
    }

    /** A text extension field. */
    public Optional<String> text(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    /** A number extension field, or -1. */
    public long number(String field) {
        JsonNode node = body.get(field);
        return node != null && node.canConvertToLong() ? node.asLong() : -1;
    }

    /** The detail, else the title, else {@code fallback}. */
    public String describe(String fallback) {
        return !detail.isBlank() ? detail : !title.isBlank() ? title : fallback;
    }
}
