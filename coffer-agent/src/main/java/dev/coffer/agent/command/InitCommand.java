package dev.coffer.agent.command;

import picocli.CommandLine.Command;

/** Creates a new repository. */
@Command(name = "init", description = "Create a new repository at --repo, protected by a passphrase.")
public final class InitCommand extends AgentCommand {

    @Override
    public Integer call() {
        throw Pending.engine();
    }
}
