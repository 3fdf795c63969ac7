package dev.coffer.agent.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the passphrase: a password file if one is given, else an environment variable, else a prompt on the console
 * (twice when a new passphrase is chosen). Passphrases are returned as char arrays so callers can wipe them; they are
 * never printed.
 */
public final class Passphrases {

    private final AgentEnvironment environment;

    public Passphrases(AgentEnvironment environment) {
        this.environment = environment;
    }

    /** The passphrase that opens an existing repository ({@code --password-file}, COFFER_PASSWORD or a prompt). */
    public char[] existing(Optional<Path> passwordFile) {
        return find(passwordFile, "--password-file", "COFFER_PASSWORD", "passphrase: ", false);
    }

    /** The passphrase of a new repository: as {@link #existing} but asked twice on the console. */
    public char[] forNewRepository(Optional<Path> passwordFile) {
        return find(passwordFile, "--password-file", "COFFER_PASSWORD", "passphrase for the new repository: ", true);
    }

    /** A passphrase to add or change to ({@code --new-password-file}, COFFER_NEW_PASSWORD or a prompt twice). */
    public char[] newPassphrase(Optional<Path> newPasswordFile) {
        return find(newPasswordFile, "--new-password-file", "COFFER_NEW_PASSWORD", "new passphrase: ", true);
    }

    /** The password of backup account {@code login} ({@code --password-file}, COFFER_PASSWORD or a prompt). */
    public char[] accountPassword(Optional<Path> passwordFile, String login) {
        return find(passwordFile, "--password-file", "COFFER_PASSWORD", "password for " + login + ": ", false);
    }

    private char[] find(Optional<Path> file, String fileOption, String variable, String prompt, boolean confirm) {
        if (file.isPresent()) {
            return nonEmpty(readFile(file.get(), fileOption), "the file given with " + fileOption);
        }
        Optional<String> fromEnv = environment.variable(variable);
        if (fromEnv.isPresent()) {
            return fromEnv.get().toCharArray();
        }
        Terminal terminal = environment.terminal();
        char[] first = terminal.readPassword(prompt).orElseThrow(() -> new AgentException(ExitCodes.FATAL,
                "no passphrase: set " + variable + ", use " + fileOption + " FILE, or run on a terminal"));
        nonEmpty(first, "the prompt");
        if (confirm) {
            char[] again = terminal.readPassword("enter it again: ").orElse(new char[0]);
            boolean same = Arrays.equals(first, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                throw new AgentException(ExitCodes.FATAL, "the passphrases do not match: nothing was changed");
            }
        }
        return first;
    }

    private static char[] nonEmpty(char[] passphrase, String source) {
        if (passphrase.length == 0) {
            throw new AgentException(ExitCodes.FATAL, "empty passphrase from " + source + ": a passphrase is needed");
        }
        return passphrase;
    }

    /** The first line of the file, without its line break (as restic reads --password-file). */
    private static char[] readFile(Path file, String option) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new AgentException(ExitCodes.FATAL,
                    "cannot read " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
