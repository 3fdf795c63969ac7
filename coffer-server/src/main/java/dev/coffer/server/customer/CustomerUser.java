package dev.coffer.server.customer;

import java.time.Instant;

/** A person of a customer who may be given the backup service. */
public record CustomerUser(long id, long customerId, String name, String email, Instant createdAt) {
}
