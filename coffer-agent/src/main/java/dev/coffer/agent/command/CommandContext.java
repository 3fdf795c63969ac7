package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentEnvironment;
import dev.coffer.agent.progress.ProgressDisplay;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a command needs from the agent around it: the environment, the output (text or JSON, progress), where the
 * repository is and the passphrase sources. The root command implements it from its global options; commands get
 * it through their constructor and never see the root command.
 */
public interface CommandContext {

    AgentEnvironment environment();

    /** Whether {@code --json} was given: results go to stdout as JSON, no human-readable lines, no progress. */
    boolean json();

    /** Prints a line of human-readable output, unless {@code --json} was given. */
    void println(String line);

    /** Prints {@code value} as JSON when {@code --json} was given. */
    void printJson(Object value);

    /** Progress on stderr: a live line on a terminal, plain lines otherwise, none with --quiet or --json. */
    ProgressDisplay progress();

    /** The repository the user named with {@code --repo} or COFFER_REPO, if any. */
    Optional<String> repositoryOption();

    /**
     * The agent's configuration directory: {@code --config}, else COFFER_AGENT_HOME, else {@code ~/.config/coffer}
     * ({@code /etc/coffer} as root); empty when none can be found (no home directory).
     */
    Optional<Path> configDirectory();

    /** The passphrase of an existing repository (--password-file, COFFER_PASSWORD or a prompt). */
    char[] passphrase();

    /** The passphrase for a repository about to be created (asked twice on a terminal). */
    char[] newRepositoryPassphrase();

    /** A passphrase to add or change to. */
    char[] newPassphrase(Optional<Path> newPasswordFile);

    /** The backup account's password for {@code login} (--password-file, COFFER_PASSWORD or a prompt). */
    char[] accountPassword(String login);
}
