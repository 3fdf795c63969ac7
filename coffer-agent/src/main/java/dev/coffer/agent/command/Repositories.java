package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryExistsException;
import dev.coffer.engine.repository.RepositoryNotFoundException;
import dev.coffer.engine.repository.WrongPassphraseException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.Stores;
import dev.coffer.agent.server.AgentApi;
import dev.coffer.agent.server.AgentConfig;
import dev.coffer.engine.store.remote.ServerConnection;
import dev.coffer.engine.store.retry.RetryPolicy;
import java.util.Arrays;
import java.util.Optional;

/**
 * Opens and creates repositories where the user's options point: {@code --repo}/COFFER_REPO (a directory or S3), else
 * the backup account's repository on the server this agent is registered with ({@code agent.json}), opened with the
 * secret the server hands out, so no passphrase is asked. The engine's failures become messages that name the
 * location and the command that fixes the problem. Passphrases and secrets are wiped as soon as they are used.
 */
final class Repositories {

    private Repositories() {
    }

    /**
     * The registration the repository commands follow: present when there is an {@code agent.json} and neither
     * {@code --repo} nor COFFER_REPO is given.
     */
    static Optional<AgentConfig> registration(CommandContext agent) {
        if (agent.repositoryOption().isPresent()) {
            return Optional.empty();
        }
        return agent.configDirectory().flatMap(AgentConfig::read);
    }

    /** The server API for a registered agent, retrying with back-off as {@link RetryPolicy#defaults()} says. */
    static AgentApi api(CommandContext agent, AgentConfig config) {
        return new AgentApi(new ServerConnection(config.server(), Optional.of(config.deviceToken())),
                RetryPolicy.defaults(), agent.environment().host().sleeper());
    }

    /**
     * Refuses {@code command} when it would go to the server: a device may add to its account's repository but not
     * remove from it (the server applies the retention policy).
     */
    static void refuseOnServer(CommandContext agent, String command) {
        Optional<AgentConfig> registration = registration(agent);
        if (registration.isPresent()) {
            throw new AgentException(ExitCodes.FATAL, "'" + command + "' does not run through the Coffer server "
                    + registration.get().server() + ": devices may only add backups; the server removes old snapshots"
                    + " and frees their space by the backup account's retention policy, set by its admin in the panel"
                    + " (Retention on the account's Manage page) or the API (PUT /api/v1/users/{userId}/backup-account/"
                    + "retention)."
                    + " Use --repo for a repository of your own");
        }
    }

    /** Opens the repository of {@code --repo}/COFFER_REPO with the user's passphrase, or the server's. */
    static Repository open(CommandContext agent) {
        Optional<AgentConfig> registration = registration(agent);
        if (registration.isPresent()) {
            return openOnServer(api(agent, registration.get()));
        }
        return openLocal(agent);
    }

    /** Opens the account's repository on the server with the secret the server hands to its devices. */
    static Repository openOnServer(AgentApi api) {
        char[] secret = api.repositorySecret();
        try {
            return Repository.open(api.store(), secret);
        } catch (RepositoryNotFoundException e) {
            throw new AgentException(ExitCodes.FATAL, "the server " + api.connection().server() + " holds no repository"
                    + " for this backup account yet; ask your provider", e);
        } catch (WrongPassphraseException e) {
            throw new AgentException(ExitCodes.FATAL, "the repository secret from " + api.connection().server()
                    + " does not open the account's repository; ask your provider", e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static Repository openLocal(CommandContext agent) {
        String location = location(agent);
        Store store = store(location);
        char[] passphrase = agent.passphrase();
        try {
            Repository repository = Repository.open(store, passphrase);
            for (String problem : repository.openProblems()) {
                agent.environment().err().println("warning: " + problem + " (run 'coffer-agent check')");
            }
            return repository;
        } catch (RepositoryNotFoundException e) {
            throw new AgentException(ExitCodes.REPOSITORY_NOT_FOUND, "no repository at " + location
                    + ": create one with 'coffer-agent init --repo " + location + "'", e);
        } catch (WrongPassphraseException e) {
            throw new AgentException(ExitCodes.WRONG_PASSPHRASE, "wrong passphrase for the repository at " + location
                    + ": check COFFER_PASSWORD or --password-file and try again", e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Creates a repository at {@code --repo}/COFFER_REPO, asking for its passphrase. */
    static Repository init(CommandContext agent) {
        String location = location(agent);
        Store store = store(location);
        char[] passphrase = agent.newRepositoryPassphrase();
        try {
            return Repository.init(store, passphrase);
        } catch (RepositoryExistsException e) {
            throw new AgentException(ExitCodes.REPOSITORY_EXISTS, "a repository already exists at " + location
                    + ": back up to it with --repo " + location + ", or choose an empty location", e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** The repository location from {@code --repo} or COFFER_REPO. */
    static String location(CommandContext agent) {
        return agent.repositoryOption().orElseThrow(() -> new AgentException(ExitCodes.USAGE,
                "no repository given: use --repo DIR or set COFFER_REPO, or register this agent with a Coffer server"
                        + " ('coffer-agent register --server URL --login LOGIN')"));
    }

    /** The store at {@code location}: a directory, local:/path or s3:https://host/bucket (see {@link Stores}). */
    private static Store store(String location) {
        try {
            return Stores.open(location);
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, "--repo " + location + ": " + e.getMessage(), e);
        }
    }
}
