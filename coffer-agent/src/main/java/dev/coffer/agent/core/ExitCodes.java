package dev.coffer.agent.core;

/** The agent's exit codes; scripts rely on them, so they never change meaning. Listed in {@code --help}. */
public final class ExitCodes {

    /** The command did everything it was asked to. */
    public static final int OK = 0;
    /** The command failed; the message on stderr says what to do. */
    public static final int FATAL = 1;
    /** The command line was wrong (unknown option, missing argument, invalid value). */
    public static final int USAGE = 2;
    /** A backup was saved, but some files could not be read and are missing from it. */
    public static final int PARTIAL_BACKUP = 3;
    /** There is no repository at the given location. */
    public static final int REPOSITORY_NOT_FOUND = 10;
    /** {@code init} found a repository already at the given location. */
    public static final int REPOSITORY_EXISTS = 11;
    /** The passphrase does not open the repository. */
    public static final int WRONG_PASSPHRASE = 12;

    private ExitCodes() {
    }
}
