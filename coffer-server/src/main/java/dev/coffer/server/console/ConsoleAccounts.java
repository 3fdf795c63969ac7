package dev.coffer.server.console;

import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Which backup accounts a console user may see and change: always their own; with "Manage backups for other
 * users" also every other account of the same customer, and never another customer's (looked up within the user's
 * own customer only, so it is simply not found). Each call reads the accounts afresh, so a permission withdrawn in
 * the panel takes effect at the next click.
 */
@Component
class ConsoleAccounts {

    private final BackupAccountService accounts;

    ConsoleAccounts(BackupAccountService accounts) {
        this.accounts = accounts;
    }

    /** Thrown when the session's account no longer exists or is suspended: {@link ConsoleErrorAdvice} logs it out. */
    static final class SessionEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionEnded() {
            super("the backup account of this session is suspended or removed", null, false, false);
        }
    }

    /** The session's account. @throws SessionEnded when it is suspended or removed */
    BackupAccount self(ConsoleUser user) {
        return current(user).orElseThrow(SessionEnded::new);
    }

    /** The account behind the session, if it still exists and may still use the service. */
    Optional<BackupAccount> current(ConsoleUser user) {
        return accounts.find(user.customerId(), user.userId()).filter(a -> a.status() == AccountStatus.ACTIVE);
    }

    /**
     * The account of {@code userId} that {@code self} (the session's active account) may manage.
     *
     * @throws AccessDeniedException for another user's account when {@code self} may not manage other users
     * @throws NotFoundException     when the user has no backup account in {@code self}'s customer
     */
    BackupAccount managed(BackupAccount self, long userId) {
        if (userId == self.userId()) {
            return self;
        }
        requireManager(self);
        return accounts.find(self.customerId(), userId)
                .orElseThrow(() -> new NotFoundException("backup account of user " + userId + " not found"));
    }

    /** Logs the session out and sends it to the login page, which says why (the account ended meanwhile). */
    static String endSession(HttpServletRequest request) throws ServletException {
        request.logout();
        return "redirect:" + ConsolePaths.LOGIN + "?ended";
    }

    /** @throws AccessDeniedException unless {@code self} may manage other users' backups */
    void requireManager(BackupAccount self) {
        if (!self.manageOtherUsers()) {
            throw new AccessDeniedException("this backup account may not manage backups for other users");
        }
    }
}
