package dev.coffer.agent.command;

import dev.coffer.agent.AgentException;
import dev.coffer.agent.ExitCodes;

/** Placeholder failure for commands whose engine operation has not been wired yet. */
final class Pending {

    private Pending() {
    }

    static AgentException engine() {
        return new AgentException(ExitCodes.FATAL, "this command is not available in this build yet");
    }
}
