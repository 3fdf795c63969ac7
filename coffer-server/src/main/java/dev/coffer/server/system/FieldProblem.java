package dev.coffer.server.system;

/**
 * One refused input: {@code field} is the API's JSON path ("login", "quotas.storage.limitGb",
 * "quotas.servers.devices"), {@code message} says why, in words an admin understands.
 */
public record FieldProblem(String field, String message) {
}
