package dev.coffer.server.apitoken;

import java.time.Instant;

/**
 * An API token as its owner sees it: never the secret, only its first characters ({@code prefix}) to recognise it.
 * {@code lastUsedAt} is null while the token was never used.
 */
public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
}
