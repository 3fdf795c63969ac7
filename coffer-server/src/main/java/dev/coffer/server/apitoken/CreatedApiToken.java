package dev.coffer.server.apitoken;

/** A new token with its secret ({@code coffer_...}), which is shown this once and cannot be read again. */
public record CreatedApiToken(ApiToken token, String secret) {
}
