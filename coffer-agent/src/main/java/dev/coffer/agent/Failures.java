package dev.coffer.agent;

import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.AgentException;

import dev.coffer.engine.repository.RepositoryException;
import dev.coffer.engine.store.StoreException;
import java.io.UncheckedIOException;

/** Maps exceptions to the exit code and message the user sees. */
final class Failures {

    private Failures() {
    }

    static Failure classify(Throwable ex) {
        if (ex instanceof AgentException agent) {
            return new Failure(agent.exitCode(), agent.getMessage());
        }
        // The engine's own failures carry messages written for users.
        if (ex instanceof RepositoryException) {
            return new Failure(ExitCodes.FATAL, describe(ex));
        }
        if (ex instanceof StoreException store) {
            return new Failure(ExitCodes.FATAL, describe(ex)
                    + (store.retriable() ? "; this may pass: try again later" : ""));
        }
        Throwable cause = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        return new Failure(ExitCodes.FATAL, describe(cause) + " (run again with --verbose for details)");
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
