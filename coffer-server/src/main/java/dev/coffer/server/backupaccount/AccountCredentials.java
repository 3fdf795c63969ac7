package dev.coffer.server.backupaccount;

/**
 * A backup account with the Argon2id hash of its password, for authenticating its user (Management Console, later
 * the agent). Never shown or logged: only a password encoder reads {@code passwordHash}.
 */
public record AccountCredentials(BackupAccount account, String passwordHash) {

    @Override
    public String toString() {
        return "AccountCredentials[" + account.login() + "]";
    }
}
