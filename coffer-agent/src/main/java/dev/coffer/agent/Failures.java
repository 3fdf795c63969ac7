package dev.coffer.agent;

import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.AgentException;

import dev.coffer.engine.repository.RepositoryException;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.QuotaExceededException;
import dev.coffer.engine.store.remote.DeviceAccessException;
import dev.coffer.engine.store.remote.RemoteRequestException;
import dev.coffer.engine.store.remote.ServerUnreachableException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Maps exceptions to the exit code and message the user sees. */
final class Failures {

    private Failures() {
    }

    static Failure classify(Throwable ex) {
        if (ex instanceof AgentException agent) {
            return new Failure(agent.exitCode(), agent.getMessage());
        }
        // The server's refusals may arrive wrapped (by a retry, by a backup's worker threads): the cause decides.
        Optional<Failure> remote = remote(ex);
        if (remote.isPresent()) {
            return remote.get();
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

    private static Optional<Failure> remote(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QuotaExceededException quota) {
                return Optional.of(new Failure(ExitCodes.QUOTA_EXCEEDED, "the server refused the backup: "
                        + quota.detail() + "; what was stored is kept and no snapshot was saved: ask your provider for"
                        + " more space or free some, then back up again (only what is missing is sent)"));
            }
            if (t instanceof DeviceAccessException access) {
                return Optional.of(switch (access.reason()) {
                    case DEVICE_REMOVED, UNAUTHENTICATED -> new Failure(ExitCodes.DEVICE_REMOVED,
                            "the server no longer knows this device (it was removed): register it again with"
                                    + " 'coffer-agent register' (" + describe(access) + ")");
                    case ACCOUNT_SUSPENDED -> new Failure(ExitCodes.ACCOUNT_SUSPENDED,
                            "the backup account is suspended or was removed: ask your provider (" + describe(access) + ")");
                    case CUSTOMER_DISABLED -> new Failure(ExitCodes.CUSTOMER_DISABLED,
                            "the customer is disabled: ask your provider (" + describe(access) + ")");
                });
            }
            if (t instanceof ServerUnreachableException
                    || t instanceof RemoteRequestException request && request.retriable() && request.status() >= 500) {
                return Optional.of(new Failure(ExitCodes.SERVER_UNREACHABLE, describe(ex)
                        + "; check the network and the server address, then try again"));
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
