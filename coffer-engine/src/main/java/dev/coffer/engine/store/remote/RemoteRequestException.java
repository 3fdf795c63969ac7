package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.StoreException;
import java.util.Objects;

/**
 * The server answered a request with an HTTP error that has no more specific exception; {@link #status()} and
 * {@link #problem()} say what it answered. Retriable for 5xx, 408 and 429, not for other 4xx.
 */
public class RemoteRequestException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient RemoteProblem problem;

    public RemoteRequestException(String message, boolean retriable, int status, RemoteProblem problem) {
        super(message, retriable);
        this.status = status;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public int status() {
        return status;
    }

    public RemoteProblem problem() {
        return problem;
    }
}
