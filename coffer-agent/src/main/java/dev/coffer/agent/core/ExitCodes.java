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

    /** A quota on the server refused the backup; what was stored is kept, the snapshot is not saved. */
    public static final int QUOTA_EXCEEDED = 20;
    /** The device was removed on the server: register again. */
    public static final int DEVICE_REMOVED = 21;
    /** The backup account is suspended or was removed. */
    public static final int ACCOUNT_SUSPENDED = 22;
    /** The customer is disabled. */
    public static final int CUSTOMER_DISABLED = 23;
    /** This agent is not registered with a server (no agent.json): run 'coffer-agent register'. */
    public static final int NOT_REGISTERED = 24;
    /** The server refused the registration (wrong login or password, used or expired token, device quota full). */
    public static final int REGISTRATION_REFUSED = 25;
    /** The server could not be reached, after retries. */
    public static final int SERVER_UNREACHABLE = 26;

    private ExitCodes() {
    }
}
