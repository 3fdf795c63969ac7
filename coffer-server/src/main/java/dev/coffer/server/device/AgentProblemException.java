package dev.coffer.server.device;

import java.util.Map;

/** An agent request refused with one of the protocol's {@link AgentProblem}s; nothing was changed. */
public class AgentProblemException extends RuntimeException {

    private final AgentProblem problem;
    private final int status;
    private final Map<String, Object> extensions;

    public AgentProblemException(AgentProblem problem, int status, String detail, Map<String, Object> extensions) {
        super(detail);
        this.problem = problem;
        this.status = status;
        this.extensions = Map.copyOf(extensions);
    }

    public AgentProblem problem() {
        return problem;
    }

    /** The HTTP status: the problem's own, or another one it allows (append-only is 403 or 409). */
    public int status() {
        return status;
    }

    /** Extension fields of the problem detail (e.g. limit, limitBytes, usedBytes of quota-exceeded). */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
