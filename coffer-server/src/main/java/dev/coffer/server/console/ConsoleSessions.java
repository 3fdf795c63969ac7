package dev.coffer.server.console;

import java.util.Optional;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.identity.CredentialStamp;
import dev.coffer.server.system.SessionRevalidationFilter;

/**
 * A console session lasts only while its backup account may still log in with the same credentials: the account
 * still exists under the same login (not removed, not given another login, not removed and assigned again), it is
 * active (not suspended, its customer enabled), and its password is the one the session was opened with. Checked
 * on every request of the console's chain; an ended session is sent to the login page with the reason.
 */
public final class ConsoleSessions {

    private ConsoleSessions() {
    }

    public static SessionRevalidationFilter<ConsoleUser> revalidation(BackupAccountService accounts,
                                                              String contextAttribute) {
        return new SessionRevalidationFilter<>(ConsoleUser.class, u -> stillAllowed(accounts, u), contextAttribute,
                Optional.of(ConsolePaths.LOGIN + "?ended"));
    }

    static boolean stillAllowed(BackupAccountService accounts, ConsoleUser session) {
        return accounts.findCredentials(session.getUsername())
                .filter(c -> c.account().id() == session.accountId())
                .filter(c -> c.account().status() == AccountStatus.ACTIVE)
                .filter(c -> CredentialStamp.of(c.passwordHash()).equals(session.credentialStamp()))
                .isPresent();
    }
}
