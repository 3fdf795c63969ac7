package dev.coffer.server.console;

import java.util.List;
import java.util.Optional;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.identity.CredentialStamp;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A backup user logged in to the Management Console: which account of which customer. Its only authority is
 * {@link #ROLE}, which no panel or API rule grants anything to, so these credentials open the console alone.
 */
public final class ConsoleUser extends User {

    public static final String ROLE = "BACKUP_USER";

    /** Why a user whose password is right still may not log in; the login page shows {@link #message()}. */
    public enum Refusal {
        CUSTOMER_DISABLED("The backup service of your organisation is disabled by the provider, so you cannot log in. "
                + "Please contact your administrator."),
        ACCOUNT_SUSPENDED("Your backup account is suspended, so you cannot log in. Please contact your administrator.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final long serialVersionUID = 1L;

    private final long customerId;
    private final long userId;
    private final long accountId;
    private final String credentialStamp;
    private final Refusal refusal;

    public ConsoleUser(BackupAccount account, boolean customerEnabled, String passwordHash) {
        super(account.login(), passwordHash, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        this.customerId = account.customerId();
        this.userId = account.userId();
        this.accountId = account.id();
        this.credentialStamp = CredentialStamp.of(passwordHash);
        this.refusal = !customerEnabled ? Refusal.CUSTOMER_DISABLED
                : account.status() == AccountStatus.SUSPENDED ? Refusal.ACCOUNT_SUSPENDED : null;
    }

    long customerId() {
        return customerId;
    }

    long userId() {
        return userId;
    }

    /** The backup account's id: a service removed and assigned again is another account. */
    long accountId() {
        return accountId;
    }

    /** The {@link CredentialStamp} of the password this user logged in with; kept after its erasure. */
    String credentialStamp() {
        return credentialStamp;
    }

    /** Empty when the user may log in. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
