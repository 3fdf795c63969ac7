package dev.coffer.server.console;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A backup user logged in to the Management Console: which account of which customer. Its only authority is
 * {@link #ROLE}, which no panel or API rule grants anything to, so these credentials open the console alone.
 */
final class ConsoleUser implements UserDetails, CredentialsContainer {

    static final String ROLE = "BACKUP_USER";

    /** Why a user whose password is right still may not log in; the login page shows {@link #message()}. */
    enum Refusal {
        CUSTOMER_DISABLED("The backup service of your organisation is disabled by the provider, so you cannot log in. "
                + "Please contact your administrator."),
        ACCOUNT_SUSPENDED("Your backup account is suspended, so you cannot log in. Please contact your administrator.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    private final long customerId;
    private final long userId;
    private final String login;
    private final Refusal refusal;
    private String passwordHash;

    ConsoleUser(BackupAccount account, boolean customerEnabled, String passwordHash) {
        this.customerId = account.customerId();
        this.userId = account.userId();
        this.login = account.login();
        this.refusal = !customerEnabled ? Refusal.CUSTOMER_DISABLED
                : account.status() == AccountStatus.SUSPENDED ? Refusal.ACCOUNT_SUSPENDED : null;
        this.passwordHash = Objects.requireNonNull(passwordHash);
    }

    long customerId() {
        return customerId;
    }

    long userId() {
        return userId;
    }

    /** Empty when the user may log in. */
    java.util.Optional<Refusal> refusal() {
        return java.util.Optional.ofNullable(refusal);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + ROLE));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + login + "]";
    }
}
