package dev.coffer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.agent.command.CommandContext;
import dev.coffer.agent.core.AgentEnvironment;
import dev.coffer.agent.core.Passphrases;
import dev.coffer.agent.progress.ProgressDisplay;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the command-line agent: the global options, and the {@link CommandContext} every subcommand gets
 * from them (repository location, configuration directory, passphrases, progress display, JSON output). Subcommands
 * are made by a factory that hands them this context; they never see this class.
 */
@Command(name = "coffer-agent", mixinStandardHelpOptions = true, version = "coffer-agent 0.1.0",
        scope = ScopeType.INHERIT, sortOptions = false,
        description = {"Backs up this machine to a Coffer repository: deduplicated, compressed and encrypted.",
            "After 'register', repository commands go to the Coffer server unless --repo is given."},
        footerHeading = "%nEnvironment:%n",
        footer = {"  COFFER_REPO          repository location when --repo is not given",
                  "  COFFER_AGENT_HOME    configuration directory when --config is not given",
                  "  COFFER_PASSWORD      passphrase, or the account password for 'register'",
                  "                       (else --password-file, else a prompt)",
                  "  COFFER_NEW_PASSWORD  new passphrase for 'key add' and 'key passwd'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:fatal error (the message says what to do)",
            "2:usage error (wrong options or arguments)",
            "3:backup saved, but some files could not be read",
            "10:repository not found",
            "11:repository already exists (init)",
            "12:wrong passphrase",
            "20:a quota on the server refused the backup (what was stored is kept, no snapshot saved)",
            "21:the device was removed on the server (register again)",
            "22:the backup account is suspended or was removed",
            "23:the customer is disabled",
            "24:this agent is not registered (no agent.json): run 'coffer-agent register'",
            "25:registration refused (wrong login/password, used or expired token, device quota full)",
            "26:the server could not be reached (after retries)"})
public final class CofferAgent implements Runnable, CommandContext {

    /**
     * The subcommands, in the order the help lists them. They are added by {@link #execute(AgentEnvironment, String...)}, not
     * declared in {@code @Command}: picocli reflects over every declared subcommand at start-up,
     * which took 0.3-0.5 s of a run's start-up (its classes are Java 5 class files, so the JVM verifies them the old
     * way and cannot keep them in the class-data archive).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            dev.coffer.agent.command.InitCommand.class,
            dev.coffer.agent.command.BackupCommand.class,
            dev.coffer.agent.command.SnapshotsCommand.class,
            dev.coffer.agent.command.LsCommand.class,
            dev.coffer.agent.command.RestoreCommand.class,
            dev.coffer.agent.command.DiffCommand.class,
            dev.coffer.agent.command.ForgetCommand.class,
            dev.coffer.agent.command.PruneCommand.class,
            dev.coffer.agent.command.CheckCommand.class,
            dev.coffer.agent.command.KeyCommand.class,
            dev.coffer.agent.command.RegisterCommand.class,
            dev.coffer.agent.command.RunCommand.class);
    /** The global options that take a value (the next argument unless given as {@code --option=value}). */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-r", "--repo", "--config", "-p", "--password-file");
    /** The global options without a value. */
    private static final Set<String> GLOBAL_FLAGS = Set.of("--json", "-q", "--quiet", "--verbose", "-h", "--help",
            "-V", "--version");

    private final AgentEnvironment environment;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--repo"}, paramLabel = "REPO", scope = ScopeType.INHERIT,
            description = "repository location: a directory, local:/path or s3:https://host/bucket[/prefix] "
                    + "(default: $COFFER_REPO)")
    private String repo;

    @Option(names = "--config", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "the agent's configuration directory, holding agent.json after 'register' "
                    + "(default: $COFFER_AGENT_HOME, else ~/.config/coffer, or /etc/coffer as root)")
    private Path config;

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

    /**
     * Runs the agent on {@code args}: output, errors and exit codes wired to the environment. When the arguments name
     * a subcommand after the global options, only that subcommand is built; otherwise (help, a typo, an option this
     * does not know) all are, so what picocli does is the same either way. Returns the exit code.
     */
    public static int execute(AgentEnvironment environment, String... args) {
        return build(environment, subcommandNamed(args).map(Set::of).orElse(SUBCOMMANDS.keySet())).execute(args);
    }

    /** The subcommand that {@code args} name after the global options, if they name one without doubt. */
    static Optional<String> subcommandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (GLOBAL_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.startsWith("-")) {
                int equals = arg.indexOf('=');
                if (!GLOBAL_FLAGS.contains(arg) && !(equals > 0 && GLOBAL_WITH_VALUE.contains(arg.substring(0, equals)))) {
                    return Optional.empty();
                }
            } else {
                return SUBCOMMANDS.containsKey(arg) ? Optional.of(arg) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static CommandLine build(AgentEnvironment environment, Set<String> subcommands) {
        CofferAgent agent = new CofferAgent(environment);
        ContextFactory factory = new ContextFactory(agent);
        CommandLine commandLine = new CommandLine(agent, factory);
        for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS.entrySet()) {
            if (subcommands.contains(sub.getKey())) {
                commandLine.addSubcommand(sub.getKey(), new CommandLine(sub.getValue(), factory));
            }
        }
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        ErrorReporter reporter = new ErrorReporter(environment.err(), () -> agent.verbose);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        return commandLine;
    }

    public static void main(String[] args) {
        JitFocus.startInBackground();
        // The JDK keeps 5 idle keep-alive connections per server; a backup uploads and a restore reads on more
        // threads than that, and each connection beyond 5 would be closed after its request and made anew.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "16");
        }
        System.exit(execute(AgentEnvironment.system(), args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    @Override
    public AgentEnvironment environment() {
        return environment;
    }

    @Override
    public Optional<String> repositoryOption() {
        if (repo != null && !repo.isBlank()) {
            return Optional.of(repo);
        }
        return environment.variable("COFFER_REPO");
    }

    @Override
    public Optional<Path> configDirectory() {
        if (config != null) {
            return Optional.of(config.toAbsolutePath().normalize());
        }
        Optional<String> home = environment.variable("COFFER_AGENT_HOME");
        if (home.isPresent()) {
            return Optional.of(Path.of(home.get()).toAbsolutePath().normalize());
        }
        if (environment.host().superuser()) {
            return Optional.of(environment.host().root().resolve("etc/coffer"));
        }
        return environment.variable("HOME").map(h -> Path.of(h, ".config", "coffer"));
    }

    @Override
    public char[] passphrase() {
        return new Passphrases(environment).existing(Optional.ofNullable(passwordFile));
    }

    @Override
    public char[] newRepositoryPassphrase() {
        return new Passphrases(environment).forNewRepository(Optional.ofNullable(passwordFile));
    }

    @Override
    public char[] newPassphrase(Optional<Path> newPasswordFile) {
        return new Passphrases(environment).newPassphrase(newPasswordFile);
    }

    @Override
    public char[] accountPassword(String login) {
        return new Passphrases(environment).accountPassword(Optional.ofNullable(passwordFile), login);
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
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

    @Override
    public void println(String line) {
        if (!json) {
            environment.out().println(line);
        }
    }

    @Override
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

    private static Map<String, Class<?>> subcommands(Class<?>... types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getAnnotation(Command.class).name(), type);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Makes subcommands with a constructor that takes the {@link CommandContext}, and anything else as picocli does. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CommandContext context;

        ContextFactory(CommandContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = type.getDeclaredConstructor(CommandContext.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
            constructor.setAccessible(true);
            return constructor.newInstance(context);
        }
    }

    /** Loaded only when --json is used: building an ObjectMapper costs a noticeable part of the start-up time. */
    private static final class JsonHolder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
