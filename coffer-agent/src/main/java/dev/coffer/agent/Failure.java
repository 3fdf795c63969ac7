package dev.coffer.agent;

/**
 * What the user is told about a failure.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param message  one line saying what failed and what to do
 */
record Failure(int exitCode, String message) {
}
