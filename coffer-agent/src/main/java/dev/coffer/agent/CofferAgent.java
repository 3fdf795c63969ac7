package dev.coffer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.agent.progress.ProgressDisplay;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the command-line agent: the global options and what every subcommand needs from them (repository
 * location, passphrase, progress display, JSON output).
 */
@Command(name = "coffer-agent", mixinStandardHelpOptions = true, version = "coffer-agent 0.1.0",
        scope = ScopeType.INHERIT, sortOptions = false,
        description = "Backs up this machine to a Coffer repository: deduplicated, compressed and encrypted.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  COFFER_REPO          repository location when --repo is not given",
                  "  COFFER_PASSWORD      passphrase (else --password-file, else a prompt)",
                  "  COFFER_NEW_PASSWORD  new passphrase for 'key add' and 'key passwd'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:fatal error (the message says what to do)",
            "2:usage error (wrong options or arguments)",
            "3:backup saved, but some files could not be read",
            "10:repository not found",
            "11:repository already exists (init)",
            "12:wrong passphrase"},
        subcommands = {
            dev.coffer.agent.command.InitCommand.class,
            dev.coffer.agent.command.BackupCommand.class,
            dev.coffer.agent.command.SnapshotsCommand.class,
            dev.coffer.agent.command.LsCommand.class,
            dev.coffer.agent.command.RestoreCommand.class,
            dev.coffer.agent.command.DiffCommand.class,
            dev.coffer.agent.command.ForgetCommand.class,
            dev.coffer.agent.command.PruneCommand.class,
            dev.coffer.agent.command.CheckCommand.class,
            dev.coffer.agent.command.KeyCommand.class})
public final class CofferAgent implements Runnable {

    private final AgentEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--repo"}, paramLabel = "REPO", scope = ScopeType.INHERIT,
            description = "repository location: a directory, local:/path or s3:https://host/bucket[/prefix] "
                    + "(default: $COFFER_REPO)")
    private String repo;

    @Option(names = {"-p", "--password-file"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "read the passphrase from the first line of FILE")
    private Path passwordFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print results as JSON on stdout")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print no progress")
    private boolean quiet;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    private boolean verbose;

    public CofferAgent(AgentEnvironment environment) {
        this.environment = environment;
    }

    /** A command line ready to {@code execute(args)}: output, errors and exit codes wired to the environment. */
    public static CommandLine commandLine(AgentEnvironment environment) {
        CofferAgent agent = new CofferAgent(environment);
        CommandLine commandLine = new CommandLine(agent);
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        ErrorReporter reporter = new ErrorReporter(environment.err(), () -> agent.verbose);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        return commandLine;
    }

    public static void main(String[] args) {
        JitFocus.startInBackground();
        System.exit(commandLine(AgentEnvironment.system()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    public AgentEnvironment environment() {
        return environment;
    }

    /** The repository location from {@code --repo} or COFFER_REPO. */
    public String repositoryLocation() {
        if (repo != null && !repo.isBlank()) {
            return repo;
        }
        return environment.variable("COFFER_REPO").orElseThrow(() -> new AgentException(ExitCodes.USAGE,
                "no repository given: use --repo DIR or set COFFER_REPO"));
    }

    /** The passphrase of an existing repository. */
    public char[] passphrase() {
        return new Passphrases(environment).existing(Optional.ofNullable(passwordFile));
    }

    /** The passphrase for a repository about to be created (asked twice on a terminal). */
    public char[] newRepositoryPassphrase() {
        return new Passphrases(environment).forNewRepository(Optional.ofNullable(passwordFile));
    }

    /** A passphrase to add or change to. */
    public char[] newPassphrase(Optional<Path> newPasswordFile) {
        return new Passphrases(environment).newPassphrase(newPasswordFile);
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Progress on stderr: a live line on a terminal, plain lines otherwise, none with --quiet or --json. */
    public ProgressDisplay progress() {
        ProgressDisplay.Mode mode;
        if (quiet || json) {
            mode = ProgressDisplay.Mode.QUIET;
        } else if (environment.terminal().interactive()) {
            mode = ProgressDisplay.Mode.TERMINAL;
        } else {
            mode = ProgressDisplay.Mode.PLAIN;
        }
        return new ProgressDisplay(mode, environment.err(), environment.nanoClock(), environment.terminal()::width);
    }

    /** Prints a line of human-readable output, unless --json was asked for. */
    public void println(String line) {
        if (!json) {
            environment.out().println(line);
        }
    }

    /** Prints {@code value} as JSON when --json was given. */
    public void printJson(Object value) {
        if (!json) {
            return;
        }
        try {
            environment.out().println(JsonHolder.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
        environment.out().flush();
    }

    /** Loaded only when --json is used: building an ObjectMapper costs a noticeable part of the start-up time. */
    private static final class JsonHolder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
