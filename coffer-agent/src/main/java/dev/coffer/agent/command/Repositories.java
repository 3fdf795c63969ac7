package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryExistsException;
import dev.coffer.engine.repository.RepositoryNotFoundException;
import dev.coffer.engine.repository.WrongPassphraseException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.Stores;
import java.util.Arrays;

/**
 * Opens and creates repositories at the location the user gave, turning the engine's failures into messages that
 * name that location and the command that fixes the problem. Passphrases are wiped as soon as they are used.
 */
final class Repositories {

    private Repositories() {
    }

    /** Opens the repository of {@code --repo}/COFFER_REPO with the user's passphrase. */
    static Repository open(CommandContext agent) {
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
                "no repository given: use --repo DIR or set COFFER_REPO"));
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
