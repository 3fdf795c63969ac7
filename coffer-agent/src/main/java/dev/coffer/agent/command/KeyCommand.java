package dev.coffer.agent.command;

import dev.coffer.agent.CofferAgent;
import dev.coffer.engine.repository.Repository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
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
            CofferAgent agent = agent();
            try (Repository repository = Repositories.open(agent)) {
                char[] passphrase = agent.newPassphrase(Optional.ofNullable(newPasswordFile));
                try {
                    repository.addPassphrase(passphrase);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            agent.println("added a passphrase; the existing ones still work");
            agent.printJson(Map.of("added", true));
            return 0;
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
            CofferAgent agent = agent();
            try (Repository repository = Repositories.open(agent)) {
                char[] passphrase = agent.newPassphrase(Optional.ofNullable(newPasswordFile));
                try {
                    repository.changePassphrase(passphrase);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            agent.println("changed the passphrase; the old one no longer opens the repository");
            agent.printJson(Map.of("changed", true));
            return 0;
        }
    }
}
