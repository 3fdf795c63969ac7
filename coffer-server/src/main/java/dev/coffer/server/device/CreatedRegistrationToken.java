package dev.coffer.server.device;

import java.time.Instant;

/** A registration token, shown once. */
public record CreatedRegistrationToken(String token, Instant expiresAt) {
}
