package dev.coffer.agent.core;

/**
 * A failure the agent reports as one line on stderr and an {@link ExitCodes exit code}; the message says what went
 * wrong and what to do about it.
 */
public final class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public AgentException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AgentException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
