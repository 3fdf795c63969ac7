package dev.coffer.server.customer;

import java.util.Optional;

/** A new customer, with its first admin's password when the server generated it (shown once). */
public record CreatedCustomer(Customer customer, long adminId, Optional<String> generatedAdminPassword) {
}
