package dev.coffer.agent;

import java.io.UncheckedIOException;

/** Maps exceptions to the exit code and message the user sees. */
final class Failures {

    private Failures() {
    }

    static Failure classify(Throwable ex) {
        if (ex instanceof AgentException agent) {
            return new Failure(agent.exitCode(), agent.getMessage());
        }
        if (ex instanceof UncheckedIOException io) {
            return new Failure(ExitCodes.FATAL, describe(io.getCause()));
        }
        return new Failure(ExitCodes.FATAL, describe(ex));
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
