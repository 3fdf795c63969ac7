package dev.coffer.agent.command;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Manages the passphrases that open the repository. */
@Command(name = "key", description = "Manage the passphrases that open the repository.",
        subcommands = {KeyCommand.Add.class, KeyCommand.Passwd.class})
public final class KeyCommand extends AgentCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(agent().environment().out());
        return 0;
    }

    /** Adds a passphrase. */
    @Command(name = "add", description = "Add another passphrase that opens the repository.")
    public static final class Add extends AgentCommand {

        @Option(names = "--new-password-file", paramLabel = "FILE",
                description = "read the new passphrase from FILE (default: $COFFER_NEW_PASSWORD or a prompt)")
        Path newPasswordFile;

        @Override
        public Integer call() {
            throw Pending.engine();
        }
    }

    /** Changes the passphrase used to open the repository. */
    @Command(name = "passwd", description = "Change the passphrase given (the old one stops working).")
    public static final class Passwd extends AgentCommand {

        @Option(names = "--new-password-file", paramLabel = "FILE",
                description = "read the new passphrase from FILE (default: $COFFER_NEW_PASSWORD or a prompt)")
        Path newPasswordFile;

        @Override
        public Integer call() {
            throw Pending.engine();
        }
    }
}
