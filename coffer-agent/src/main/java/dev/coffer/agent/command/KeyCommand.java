package dev.coffer.agent.command;

import dev.coffer.engine.repository.Repository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Manages the passphrases that open the repository. */
@Command(name = "key", description = "Manage the passphrases that open the repository.",
        subcommands = {KeyCommand.Add.class, KeyCommand.Passwd.class})
public final class KeyCommand extends AgentCommand {

    public KeyCommand(CommandContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.environment().out());
        return 0;
    }

    /** Opens the repository with the current passphrase, then applies a new one; both are wiped afterwards. */
    abstract static class NewPassphraseCommand extends AgentCommand {

        NewPassphraseCommand(CommandContext context) {
            super(context);
        }

        @Option(names = "--new-password-file", paramLabel = "FILE",
                description = "read the new passphrase from FILE (default: $COFFER_NEW_PASSWORD or a prompt)")
        Path newPasswordFile;

        int apply(BiConsumer<Repository, char[]> change, String done, String jsonKey) {
            CommandContext agent = context;
            Repositories.refuseOnServer(agent, "key");
            try (Repository repository = Repositories.open(agent)) {
                char[] passphrase = agent.newPassphrase(Optional.ofNullable(newPasswordFile));
                try {
                    change.accept(repository, passphrase);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            agent.println(done);
            agent.printJson(Map.of(jsonKey, true));
            return 0;
        }
    }

    /** Adds a passphrase. */
    @Command(name = "add", description = "Add another passphrase that opens the repository.")
    public static final class Add extends NewPassphraseCommand {

        public Add(CommandContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return apply(Repository::addPassphrase, "added a passphrase; the existing ones still work", "added");
        }
    }

    /** Changes the passphrase used to open the repository. */
    @Command(name = "passwd", description = "Change the passphrase given (the old one stops working).")
    public static final class Passwd extends NewPassphraseCommand {

        public Passwd(CommandContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return apply(Repository::changePassphrase,
                    "changed the passphrase; the old one no longer opens the repository", "changed");
        }
    }
}
